package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.Browser;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;

/**
 * Issue 13's required timing: the cluster page of a cluster with 1,000 RUNNING simulated tasks (a service's 900
 * and 100 of RunTask, which have no service group) answers over HTTP in under a second.
 */
class ClusterPageScaleIT {
    private static final String CLUSTER = "thousand";
    private static final int SERVICE_TASKS = 900;
    private static final int RUN_TASK_CALLS = 10;
    private static final int TOTAL = SERVICE_TASKS + RUN_TASK_CALLS * 10;
    private static final Pattern TASK_LINK = Pattern.compile("href=\"/ui/r/us-east-1/clusters/" + CLUSTER
            + "/tasks/");
    private static TestServer server;

    @BeforeAll
    static void aThousandRunningTasks() {
        server = TestServer.start();
        EcsClient ecs = server.ecs();
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        NetworkConfiguration awsvpc = ConsoleHttp.webService(ecs, CLUSTER, SERVICE_TASKS);
        for (int call = 0; call < RUN_TASK_CALLS; call++) {
            ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition("web").count(10).launchType(LaunchType.FARGATE)
                    .networkConfiguration(awsvpc));
        }
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> ecs
                .describeClusters(r -> r.clusters(CLUSTER)).clusters().getFirst().runningTasksCount() == TOTAL);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theClusterPageOfAThousandTasksAnswersInUnderASecond() {
        ConsoleHttp visitor = new ConsoleHttp(server.endpoint());
        String path = ConsolePaths.cluster("us-east-1", CLUSTER);
        HttpResponse<String> warm = visitor.get(path);
        assertThat(warm.statusCode()).isEqualTo(200);
        assertThat(visitor.cookie()).as("the first GET set the session cookie").isNotNull();

        long start = System.nanoTime();
        HttpResponse<String> page = visitor.get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long partStart = System.nanoTime();
        HttpResponse<String> part = visitor.get(path + "?part=cluster_tasks");
        Duration partTook = Duration.ofNanos(System.nanoTime() - partStart);
        System.out.printf("ClusterPageScaleIT: the cluster page of %d tasks answered in %d ms (%d bytes); its "
                + "live task list in %d ms%n", TOTAL, took.toMillis(), page.body().length(), partTook.toMillis());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"running-tasks\">" + TOTAL + "<")
                .contains("The newest " + ClusterView.TASK_LIMIT + " of <strong>" + TOTAL + "</strong> tasks")
                .contains(">service:web<")
                .contains(">" + SERVICE_TASKS + "</td>");
        assertThat(count(TASK_LINK, page.body())).isEqualTo(ClusterView.TASK_LIMIT);
        assertThat(took).as("the cluster page of %d tasks", TOTAL).isLessThan(Duration.ofSeconds(1));
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(count(TASK_LINK, part.body())).isEqualTo(ClusterView.TASK_LIMIT);
        assertThat(partTook).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @RequiresChromium
    void theBrowserShowsTheThousandTasksAndTheNewestTwoHundred() {
        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(ConsolePaths.cluster("us-east-1", CLUSTER));
            browser.awaitText(By.id("running-tasks"), String.valueOf(TOTAL));
            browser.awaitText(By.cssSelector(".task-count"), "The newest 200 of " + TOTAL + " tasks");
            assertThat(browser.driver().findElements(By.cssSelector("table.tasks tbody tr")))
                    .hasSize(ClusterView.TASK_LIMIT);
            assertThat(browser.driver().findElement(By.cssSelector("table.services")).getText())
                    .contains("web").contains(String.valueOf(SERVICE_TASKS));
            browser.screenshot("console-cluster-1000-tasks");
        }
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}

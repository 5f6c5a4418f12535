package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.Browser;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.SharedServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;

/** The cluster page over HTTP and in a browser: what it shows, its filter, its 404s and its live parts. */
class ClusterPageIT {
    @RegisterExtension
    static final SharedServer SERVER = SharedServer.simulated();
    private static final NetworkConfiguration AWSVPC = NetworkConfiguration.builder().awsvpcConfiguration(c -> c
            .subnets("subnet-12345678").securityGroups("sg-12345678").assignPublicIp(AssignPublicIp.ENABLED)).build();

    @BeforeEach
    void aClusterWithATaskDefinition() {
        SERVER.ecs().createCluster(r -> r.clusterName("shop").capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(3).base(1)));
        SERVER.ecs().registerTaskDefinition(r -> r.family("web").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image("example/app:1")));
    }

    @Test
    void anUnknownClusterOrRegionIsTheConsoles404() {
        ConsoleHttp visitor = new ConsoleHttp(SERVER.endpoint());

        HttpResponse<String> cluster = visitor.get(ConsolePaths.cluster("us-east-1", "no-such<b>"));
        HttpResponse<String> region = visitor.get(ConsolePaths.cluster("xx-nowhere-9", "shop"));

        assertThat(cluster.statusCode()).isEqualTo(404);
        assertThat(cluster.body()).contains("There is no cluster named no-such&lt;b&gt; in us-east-1")
                .contains("create-cluster").doesNotContain("no-such<b>");
        assertThat(region.statusCode()).isEqualTo(404);
        assertThat(region.body()).contains("no region named xx-nowhere-9");
    }

    @Test
    void theStatusFilterShowsStoppedTasksWithTheirStopCode() {
        String arn = SERVER.ecs().runTask(run()).tasks().getFirst().taskArn();
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        awaitStatus(arn, "RUNNING");
        SERVER.ecs().stopTask(r -> r.cluster("shop").task(arn).reason("enough"));
        awaitStatus(arn, "STOPPED");
        ConsoleHttp visitor = new ConsoleHttp(SERVER.endpoint());
        String path = ConsolePaths.cluster("us-east-1", "shop");

        String stopped = visitor.get(path + "?status=STOPPED").body();
        String running = visitor.get(path + "?status=RUNNING").body();

        assertThat(stopped).contains(id).contains("UserInitiated").contains("title=\"enough\"");
        assertThat(running).doesNotContain(id).contains("No RUNNING tasks in this cluster");
        assertThat(visitor.get(path).body()).contains("FARGATE_SPOT (weight 3, base 1)")
                .contains("FARGATE, FARGATE_SPOT");
    }

    @Test
    @RequiresChromium
    void aServiceAndItsTasksAppearWithoutAReload() {
        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go(ConsolePaths.cluster("us-east-1", "shop"));
            browser.awaitText(By.cssSelector("[data-live=cluster_services] .empty"),
                    "ecs create-service --cluster shop");

            SERVER.ecs().createService(r -> r.cluster("shop").serviceName("api").taskDefinition("web").desiredCount(3)
                    .launchType(LaunchType.FARGATE).networkConfiguration(AWSVPC));
            SERVER.ecs().runTask(run());

            browser.awaitText(By.id("running-tasks"), "4");
            browser.awaitText(By.cssSelector("table.services"), "COMPLETED");
            assertThat(browser.driver().findElement(By.linkText("api")).getAttribute("href"))
                    .endsWith("/ui/r/us-east-1/clusters/shop/services/api");
            // the task list is polled every 3 s, the counts every 2 s
            browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("table.tasks tbody tr"), 4));
            assertThat(browser.driver().findElement(By.cssSelector("table.tasks")).getText()).contains("service:api")
                    .contains("family:web").contains("web:1");
            browser.screenshot("console-cluster");
        }
    }

    private static RunTaskRequest run() {
        return RunTaskRequest.builder().cluster("shop").taskDefinition("web").launchType(LaunchType.FARGATE)
                .networkConfiguration(AWSVPC).build();
    }

    private static void awaitStatus(String arn, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> SERVER.ecs().describeTasks(r -> r.cluster("shop")
                .tasks(arn)).tasks().getFirst().lastStatus().equals(status));
    }
}

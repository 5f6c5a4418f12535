package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.Browser;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The task page in a real browser, for tasks that run as real containers on Docker: why a task stopped, its exit
 * code and its log lines; a running task's log tailing live, its published port as a link, and stopping it from the
 * page with a reason that the API then answers.
 */
@RequiresDocker
@RequiresChromium
class ConsoleTaskBrowserIT {
    private static final String CLUSTER = "console-tasks";

    @RegisterExtension
    static final DockerServer server = DockerServer.withCluster(CLUSTER);
    private final EcsTasks tasks = server.tasks();

    private static String taskPath(String taskArn) {
        return ConsolePaths.task(TestServer.REGION, CLUSTER, EcsTasks.taskId(taskArn));
    }

    @Test
    void aTaskWhoseContainerExitedOneShowsWhyItsExitCodeAndItsLog() {
        String group = "/ecs/console-failing";
        server.logs().createLogGroup(b -> b.logGroupName(group));
        String arn = tasks.run(tasks.register("console-failing", ContainerDefinition.builder()
                .name("worker").image(server.busybox()).essential(true)
                .command(List.of("sh", "-c", "echo starting the worker; echo cannot reach the database; exit 1"))
                .logConfiguration(EcsTasks.awslogs(group, "ecs", false)).build()));
        tasks.awaitStatus(arn, "STOPPED");

        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(taskPath(arn));

            WebElement reason = browser.await(By.cssSelector(".stopped-reason"));
            assertThat(reason.getText()).contains("Essential container in task exited")
                    .contains("EssentialContainerExited");
            assertThat(browser.driver().findElement(By.cssSelector(".last-status")).getText()).isEqualTo("STOPPED");
            WebElement exitCode = browser.driver().findElement(By.cssSelector("tr[data-container=worker] .exit-code"));
            assertThat(exitCode.getText()).isEqualTo("1");
            assertThat(exitCode.getAttribute("class")).contains("failed");
            WebElement log = browser.await(By.cssSelector("[data-live=task_logs]"));
            assertThat(log.getText()).contains("ecs/worker/" + EcsTasks.taskId(arn))
                    .contains("starting the worker").contains("cannot reach the database");
            assertThat(browser.driver().findElements(By.cssSelector(".timeline li.failed")))
                    .extracting(WebElement::getText).singleElement().asString().startsWith("Stopped");
            browser.screenshot("console-task-stopped");
        }
    }

    @Test
    void aRunningTasksLogTailsLiveItsPortIsALinkAndItStopsFromThePageWithAReason() {
        String group = "/ecs/console-ticker";
        String arn = tasks.run(tasks.register("console-ticker", ContainerDefinition.builder()
                .name("web").image(server.busybox()).essential(true)
                .command(List.of("sh", "-c", "echo hello from the console test > /var/www/index.html; "
                        + "httpd -p 8080 -h /var/www; trap 'echo got SIGTERM; exit 0' TERM; "
                        + "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1 & wait; done"))
                .portMappings(PortMapping.builder().containerPort(8080).build())
                .logConfiguration(EcsTasks.awslogs(group, "ecs", true)).build()));
        Task running = tasks.awaitStatus(arn, "RUNNING");
        NetworkBinding binding = running.containers().getFirst().networkBindings().getFirst();

        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(taskPath(arn));
            browser.awaitText(By.cssSelector("[data-live=task_logs]"), "tick 1");
            browser.driver().executeScript("window.sameDocument = true;");
            int seen = lastTick(browser.driver().findElement(By.cssSelector("[data-live=task_logs]")).getText());

            // the log is a live part: new lines arrive without a reload
            browser.awaitText(By.cssSelector("[data-live=task_logs]"), "tick " + (seen + 3));
            assertThat(browser.driver().executeScript("return window.sameDocument === true;")).isEqualTo(true);

            WebElement port = browser.driver().findElement(By.cssSelector("tr[data-container=web] a.port"));
            assertThat(port.getAttribute("href")).isEqualTo("http://127.0.0.1:" + binding.hostPort() + "/");
            String page = browser.driver().getWindowHandle();
            port.click();
            browser.waiting().until(driver -> driver.getWindowHandles().size() == 2);
            String published = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(page))
                    .findFirst().orElseThrow();
            browser.driver().switchTo().window(published);
            browser.awaitText(By.tagName("body"), "hello from the console test");
            browser.driver().close();
            browser.driver().switchTo().window(page);
            browser.screenshot("console-task-running");

            browser.driver().findElement(By.cssSelector("form.stop-task input[name=reason]"))
                    .sendKeys("rolled back from the console");
            browser.driver().findElement(By.cssSelector("form.stop-task button")).click();
            browser.waiting().until(driver -> {
                try {
                    driver.switchTo().alert().accept();
                    return true;
                } catch (org.openqa.selenium.NoAlertPresentException e) {
                    return false;
                }
            });

            browser.awaitText(By.cssSelector(".flash"), "Stopping task " + EcsTasks.taskId(arn));
            browser.awaitText(By.cssSelector(".stopped-reason"), "rolled back from the console");
            browser.awaitText(By.cssSelector(".last-status"), "STOPPED");
            assertThat(browser.driver().findElement(By.cssSelector(".stopped-reason")).getText())
                    .contains("UserInitiated");
            assertThat(browser.driver().findElements(By.cssSelector("form.stop-task")))
                    .as("a stopped task has no stop button").isEmpty();
            browser.screenshot("console-task-stopped-by-user");
        }
        Task stopped = tasks.describe(arn);
        assertThat(stopped.stoppedReason()).isEqualTo("rolled back from the console");
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    }

    private static int lastTick(String log) {
        Matcher matcher = Pattern.compile("tick (\\d+)").matcher(log);
        int last = 0;
        while (matcher.find()) {
            last = Integer.parseInt(matcher.group(1));
        }
        return last;
    }
}

package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.testing.Browser;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The service page in a real browser, over a service of busybox httpd tasks on the local Docker Engine: a rolling
 * update made through the SDK reaches COMPLETED on the page without a reload; scaling and forcing a new deployment
 * from the page, each confirmed, act on the service as UpdateService does.
 */
@RequiresDocker
@RequiresChromium
class ConsoleServiceDockerBrowserIT {
    private static final String CLUSTER = "console-docker";
    private static final String SERVICE = "web";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    @RegisterExtension
    static final DockerServer server = new DockerServer();

    private String revisionOne;

    /** A service of two httpd tasks, steady before each test. */
    @BeforeEach
    void service() {
        server.ecs().createCluster(r -> r.clusterName(CLUSTER));
        revisionOne = registerHttpd("one");
        server.ecs().createService(r -> r.cluster(CLUSTER).serviceName(SERVICE).taskDefinition(revisionOne)
                .desiredCount(2).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678")
                        .securityGroups("sg-12345678"))));
        await("2 tasks running").atMost(TIMEOUT).until(this::describe,
                s -> s.runningCount() == 2 && s.deployments().size() == 1
                        && "COMPLETED".equals(s.deployments().getFirst().rolloutStateAsString()));
    }

    /** Deletes the service as a user would; every container of this server must be gone before the next test. */
    @AfterEach
    void deleteService() {
        try {
            server.ecs().deleteService(r -> r.cluster(CLUSTER).service(SERVICE).force(true));
            await("the service INACTIVE").atMost(TIMEOUT).until(() -> "INACTIVE".equals(describe().status()));
            await("no container left").atMost(TIMEOUT).until(() -> containers().isEmpty());
        } finally {
            containers().forEach(c -> server.docker().removeContainer(c.id()));
            server.reset();
        }
    }

    @Test
    void aRollingUpdateMadeThroughTheSdkReachesCompletedOnThePageWithoutAReload() {
        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(ConsolePaths.service(TestServer.REGION, CLUSTER, SERVICE));
            browser.await(By.cssSelector("tr.deployment[data-status=PRIMARY][data-rollout=COMPLETED]"));
            // a mark on this document: a reload would make a new one without it
            browser.driver().executeScript("document.body.setAttribute('data-test-mark', 'kept')");

            String revisionTwo = registerHttpd("two");
            server.ecs().updateService(r -> r.cluster(CLUSTER).service(SERVICE).taskDefinition(revisionTwo));

            String family = "console-httpd:" + revisionTwo.substring(revisionTwo.lastIndexOf(':') + 1);
            // the live part is swapped in every 2 s: an element read as it is replaced is read again
            browser.waiting().ignoring(StaleElementReferenceException.class).until(driver -> {
                List<WebElement> rows = deploymentRows(driver);
                if (rows.size() == 2) {
                    browser.screenshot("console-service-rolling");
                }
                return rows.size() == 1 && rows.getFirst().getText().contains(family)
                        && "COMPLETED".equals(rows.getFirst().getAttribute("data-rollout"));
            });
            WebElement primary = browser.driver().findElement(By.cssSelector("tr.deployment"));
            assertThat(primary.getAttribute("data-status")).isEqualTo("PRIMARY");
            assertThat(primary.getText()).contains("2 of 2 running");
            assertThat(primary.findElement(By.cssSelector("svg.progress-bar rect.running")).getAttribute("width"))
                    .isEqualTo("100.0");
            assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-test-mark"))
                    .isEqualTo("kept");
            assertThat(describe().deployments()).singleElement()
                    .satisfies(d -> assertThat(d.taskDefinition()).isEqualTo(revisionTwo));
            browser.screenshot("console-service-rolled");
        }
    }

    @Test
    void scalingFromThePageChangesTheDesiredCountAndTheEventFollows() {
        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(ConsolePaths.service(TestServer.REGION, CLUSTER, SERVICE));
            WebElement count = browser.await(By.id("desiredCount"));
            count.clear();
            count.sendKeys("3");
            browser.driver().findElement(By.id("scale")).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();

            assertThat(browser.await(By.cssSelector(".flash")).getText())
                    .contains("Desired count of web set to 3 tasks");
            assertThat(browser.await(By.id("desired-count")).getText()).isEqualTo("3");
            browser.awaitText(By.cssSelector(".service-events"), "(service web) has started 1 tasks");
            browser.awaitText(By.id("running-count"), "3");
            browser.awaitText(By.cssSelector(".service-events li.newest"), "has reached a steady state");
            assertThat(describe().desiredCount()).isEqualTo(3);
            browser.screenshot("console-service-scaled");
        }
    }

    @Test
    void aNegativeCountIsRefusedWithTheApisMessage() {
        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(ConsolePaths.service(TestServer.REGION, CLUSTER, SERVICE));
            WebElement count = browser.await(By.id("desiredCount"));
            // the browser's own check would stop -1 before the server sees it: lift it, as a hand-made POST would
            browser.driver().executeScript("arguments[0].removeAttribute('min')", count);
            count.clear();
            count.sendKeys("-1");
            browser.driver().findElement(By.id("scale")).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();

            assertThat(browser.await(By.cssSelector(".flash.error")).getText())
                    .contains("desiredCount must be 0 or more.");
            assertThat(describe().desiredCount()).isEqualTo(2);
            browser.screenshot("console-service-scale-refused");
        }
    }

    @Test
    void forcingANewDeploymentFromThePageShowsASecondDeployment() {
        try (Browser browser = Browser.open(server.endpoint())) {
            browser.go(ConsolePaths.service(TestServer.REGION, CLUSTER, SERVICE));
            browser.await(By.id("force-deployment")).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();

            assertThat(browser.await(By.cssSelector(".flash")).getText()).contains("A new deployment of web started");
            // the page after the redirect shows the new deployment at once: the command wrote it
            List<WebElement> rows = deploymentRows(browser.driver());
            assertThat(rows).extracting(row -> row.getAttribute("data-status")).containsExactly("PRIMARY", "ACTIVE");
            assertThat(rows.getFirst().getText()).contains(revisionLabel(revisionOne));
            String forced = rows.getFirst().getAttribute("data-deployment");
            browser.screenshot("console-service-forced");
            // the forced deployment replaces both tasks and completes, alone
            browser.waiting().ignoring(StaleElementReferenceException.class)
                    .until(driver -> deploymentRows(driver).size() == 1
                            && "COMPLETED".equals(deploymentRows(driver).getFirst().getAttribute("data-rollout")));
            assertThat(describe().deployments()).singleElement()
                    .satisfies(d -> assertThat(d.id()).isEqualTo(forced));
        }
    }

    private static List<WebElement> deploymentRows(WebDriver driver) {
        return driver.findElements(By.cssSelector("tr.deployment"));
    }

    private static String revisionLabel(String arn) {
        return arn.substring(arn.indexOf('/') + 1);
    }

    private Service describe() {
        return server.ecs().describeServices(r -> r.cluster(CLUSTER).services(SERVICE)).services().getFirst();
    }

    private static String registerHttpd(String content) {
        return server.ecs().registerTaskDefinition(r -> r.family("console-httpd")
                        .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                        .cpu("256").memory("512")
                        .containerDefinitions(c -> c.name("web").image(server.busybox()).essential(true)
                                // httpd as PID 1 would ignore SIGTERM and every stop would wait out the timeout
                                .command("sh", "-c", "echo 'revision " + content + "' > /var/www/index.html; "
                                        + "trap 'exit 0' TERM; httpd -f -p 8080 -h /var/www & wait")
                                .portMappings(p -> p.containerPort(8080))))
                .taskDefinition().taskDefinitionArn();
    }

    private static List<ContainerObservation> containers() {
        return server.docker().listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, server.instanceId()));
    }
}

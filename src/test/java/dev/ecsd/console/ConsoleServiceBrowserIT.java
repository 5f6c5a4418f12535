package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.testing.Browser;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The service page on the simulated runtime, in a real browser: its deployments, events and tasks; its target
 * group's targets and its scalable target, made through the ELBv2 and Application Auto Scaling SDK clients; its
 * utilization graphs once the metric store has data points; and the 404 page of a service that does not exist.
 */
@RequiresChromium
class ConsoleServiceBrowserIT {
    @RegisterExtension
    static final SharedServer SERVER = SharedServer.simulated();
    private static final String CLUSTER = "console-svc";

    private ApplicationAutoScalingClient autoScaling;

    @BeforeEach
    void cluster() {
        SERVER.ecs().createCluster(r -> r.clusterName(CLUSTER));
        autoScaling = TestServer.client(ApplicationAutoScalingClient.builder(), SERVER.endpoint());
    }

    @AfterEach
    void close() {
        autoScaling.close();
    }

    @Test
    void aServiceShowsItsDeploymentEventsAndTasksAndItsTargetsScalingAndGraphs() {
        String loadBalancer = SERVER.elbv2().createLoadBalancer(r -> r.name("console-lb").type("application")
                .subnets("subnet-12345678", "subnet-87654321").securityGroups("sg-12345678"))
                .loadBalancers().getFirst().loadBalancerArn();
        String targetGroup = SERVER.elbv2().createTargetGroup(r -> r.name("console-tg").protocol("HTTP").port(8080)
                .targetType("ip").vpcId("vpc-12345678")).targetGroups().getFirst().targetGroupArn();
        SERVER.elbv2().createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP")
                .port(FreePorts.freePort()).defaultActions(a -> a.type("forward").targetGroupArn(targetGroup)));
        String definition = registerTaskDefinition("console-web");
        SERVER.ecs().createService(r -> r.cluster(CLUSTER).serviceName("web").taskDefinition(definition)
                .desiredCount(2).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678")
                        .securityGroups("sg-12345678")))
                .loadBalancers(l -> l.targetGroupArn(targetGroup).containerName("web").containerPort(8080)));
        autoScaling.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/" + CLUSTER + "/web")
                .scalableDimension("ecs:service:DesiredCount").minCapacity(1).maxCapacity(5));
        autoScaling.putScalingPolicy(r -> r.policyName("cpu50").serviceNamespace("ecs")
                .resourceId("service/" + CLUSTER + "/web").scalableDimension("ecs:service:DesiredCount")
                .policyType("TargetTrackingScaling")
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(50.0)
                        .predefinedMetricSpecification(p -> p
                                .predefinedMetricType("ECSServiceAverageCPUUtilization"))));
        putUtilization("web", 10);

        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go(ConsolePaths.service("us-east-1", CLUSTER, "web"));
            // behind a target group the rollout completes once the targets pass their checks, which nothing answers
            // on the simulated runtime: the deployment stays IN_PROGRESS with its two tasks running
            browser.awaitText(By.cssSelector("[data-live=service_deployments]"), "2 of 2 running");
            WebElement primary = browser.await(By.cssSelector("tr.deployment[data-status=PRIMARY]"));
            assertThat(primary.getText()).contains("console-web:1").contains("IN_PROGRESS");
            assertThat(primary.findElement(By.cssSelector("svg.progress-bar rect.running")).getAttribute("width"))
                    .isEqualTo("100.0");
            browser.awaitText(By.cssSelector(".service-events"), "(service web) has started 2 tasks");
            assertThat(browser.driver().findElements(By.cssSelector(".service-events li.newest"))).hasSize(1);
            assertThat(browser.driver().findElements(By.cssSelector(".service-tasks tbody tr"))).hasSize(2);
            assertThat(browser.driver().findElement(By.cssSelector(".service-tasks tbody a")).getAttribute("href"))
                    .contains("/ui/r/us-east-1/clusters/" + CLUSTER + "/tasks/");

            // the target group's targets: the service registers each running task's address
            browser.awaitText(By.cssSelector("[data-live=service_balancing]"), "console-tg");
            browser.waiting().until(driver -> driver.findElements(By.cssSelector("table.targets tbody tr"))
                    .size() == 2);
            // each target's state is what DescribeTargetHealth reports of it
            browser.waiting().until(driver -> statesOnPage(driver).equals(statesOfSdk(targetGroup)));

            WebElement scaling = browser.await(By.cssSelector("[data-live=service_scaling]"));
            assertThat(scaling.getText()).contains("service/" + CLUSTER + "/web").contains("min 1, max 5")
                    .contains("cpu50").contains("TargetTrackingScaling")
                    .contains("keeps ECSServiceAverageCPUUtilization at 50");

            // the graphs: uPlot drew a canvas from the ten data points the metric store holds
            WebElement cpu = browser.await(By.cssSelector(".service-chart .chart"));
            assertThat(cpu.getAttribute("data-points")).isEqualTo("10");
            browser.waiting().until(driver -> !driver.findElements(By.cssSelector(".service-chart .chart canvas"))
                    .isEmpty());
            assertThat(browser.driver().findElements(By.cssSelector(".service-chart .chart .uplot"))).hasSize(2);
            browser.screenshot("console-service");
            browser.driver().executeScript("arguments[0].scrollIntoView()",
                    browser.driver().findElement(By.cssSelector("[data-live=service_balancing]")));
            browser.screenshot("console-service-balancing-scaling-graphs");
        }
    }

    @Test
    void aServiceWithNothingAroundItSaysWhatToDoNext() {
        String definition = registerTaskDefinition("console-idle");
        SERVER.ecs().createService(r -> r.cluster(CLUSTER).serviceName("idle").taskDefinition(definition)
                .desiredCount(0).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go(ConsolePaths.service("us-east-1", CLUSTER, "idle"));
            assertThat(browser.await(By.cssSelector("[data-live=service_tasks] .empty")).getText())
                    .contains("desired count is 0");
            assertThat(browser.await(By.cssSelector("[data-live=service_balancing] .empty")).getText())
                    .contains("not behind a load balancer").contains("--load-balancers");
            assertThat(browser.await(By.cssSelector("[data-live=service_scaling] .empty")).getText())
                    .contains("register-scalable-target").contains("service/" + CLUSTER + "/idle");
            browser.waiting().until(driver -> driver.findElement(By.cssSelector(".service-chart .chart")).getText()
                    .contains("No data points in the last hour"));
            browser.screenshot("console-service-empty");
        }
    }

    @Test
    void anUnknownServiceOrClusterIsTheConsolesNotFoundPage() throws Exception {
        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go(ConsolePaths.service("us-east-1", CLUSTER, "nope"));
            assertThat(browser.await(By.cssSelector("p.message")).getText())
                    .contains("no service named nope in cluster " + CLUSTER);
            browser.go(ConsolePaths.service("us-east-1", "no-such-cluster", "web"));
            assertThat(browser.await(By.cssSelector("p.message")).getText())
                    .contains("no cluster named no-such-cluster");
            browser.screenshot("console-service-not-found");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                SERVER.endpoint() + ConsolePaths.service("us-east-1", CLUSTER, "nope"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private static Map<String, String> statesOnPage(WebDriver driver) {
        Map<String, String> states = new TreeMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("table.targets tbody tr"))) {
            states.put(row.getAttribute("data-target"), row.findElement(By.cssSelector(".status")).getText());
        }
        return states;
    }

    private static Map<String, String> statesOfSdk(String targetGroup) {
        Map<String, String> states = new TreeMap<>();
        SERVER.elbv2().describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions()
                .forEach(d -> states.put(d.target().id() + ":" + d.target().port(), d.targetHealth().stateAsString()));
        return states;
    }

    private static String registerTaskDefinition(String family) {
        return SERVER.ecs().registerTaskDefinition(r -> r.family(family)
                        .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                        .cpu("256").memory("512")
                        .containerDefinitions(c -> c.name("web").image("busybox").essential(true)
                                .portMappings(p -> p.containerPort(8080))))
                .taskDefinition().taskDefinitionArn();
    }

    /**
     * Puts {@code minutes} minutes of the service's utilization into the server's metric store, as ecsd's publisher
     * does on Docker (PutMetricData refuses AWS/ namespaces, as CloudWatch does).
     */
    private static void putUtilization(String service, int minutes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> dimensions = Map.of("ClusterName", CLUSTER, "ServiceName", service);
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < minutes; i++) {
            Instant at = now.minus(minutes - 1 - i, ChronoUnit.MINUTES);
            data.add(MetricDatum.value(MetricKey.of("AWS/ECS", "CPUUtilization", dimensions), at, "Percent", 10 + i));
            data.add(MetricDatum.value(MetricKey.of("AWS/ECS", "MemoryUtilization", dimensions), at, "Percent",
                    40 + i));
        }
        SERVER.server().metrics().put(data);
    }
}

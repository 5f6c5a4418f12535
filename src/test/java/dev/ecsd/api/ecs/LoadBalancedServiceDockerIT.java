package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.messages;
import static dev.ecsd.api.ecs.ServiceRequests.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.RequestLoop;
import dev.ecsd.testing.RequiresDocker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * A web service behind a listener, with real containers: traffic spreads over every task, a task failing its
 * target group's health checks is replaced, and rolling deploys and scale-ins under steady traffic lose no request.
 */
@RequiresDocker
class LoadBalancedServiceDockerIT {
    private static final String CLUSTER = "balanced";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    @RegisterExtension
    static final DockerServer server = new DockerServer();
    private String targetGroup;
    private int listenerPort;

    /** The set-up: a load balancer, a target group checking /health every 5 s, a listener forwarding to it. */
    @BeforeEach
    void loadBalancer() {
        server.ecs().createCluster(r -> r.clusterName(CLUSTER));
        String loadBalancer = server.elbv2().createLoadBalancer(r -> r.name("web-lb").type("application")
                .subnets("subnet-12345678", "subnet-87654321").securityGroups("sg-12345678"))
                .loadBalancers().getFirst().loadBalancerArn();
        targetGroup = server.elbv2().createTargetGroup(r -> r.name("web-tg").protocol("HTTP").port(8080)
                .targetType("ip")
                .vpcId("vpc-12345678").healthCheckPath("/health").healthCheckIntervalSeconds(5)
                .healthCheckTimeoutSeconds(2).healthyThresholdCount(2).unhealthyThresholdCount(2))
                .targetGroups().getFirst().targetGroupArn();
        server.elbv2().modifyTargetGroupAttributes(r -> r.targetGroupArn(targetGroup)
                .attributes(a -> a.key("deregistration_delay.timeout_seconds").value("10")));
        listenerPort = FreePorts.freePort();
        server.elbv2().createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(listenerPort)
                .defaultActions(a -> a.type("forward").targetGroupArn(targetGroup)));
    }

    @AfterEach
    void cleanUp() {
        try {
            for (String arn : server.ecs().listServicesPaginator(r -> r.cluster(CLUSTER)).serviceArns()) {
                server.ecs().deleteService(r -> r.cluster(CLUSTER).service(arn).force(true));
            }
            await("no container left").atMost(TIMEOUT).until(() -> containers().isEmpty());
        } finally {
            containers().forEach(c -> server.docker().removeContainer(c.id()));
            server.reset();
        }
    }

    @Test
    void requestsSpreadOverEveryTaskAndATaskFailingItsHealthChecksIsReplaced() {
        String revision = registerHttpd("one");
        // The grace period keeps the unhealthy task up for a while, long enough to watch its target unhealthy.
        createService(revision, 3, 40);
        awaitHealthyTargets(3);

        Map<String, Integer> spread = traffic(60);
        assertThat(spread).as("answers by task").hasSize(3);
        assertThat(spread.values()).allMatch(count -> count >= 10);

        Task victim = running().getFirst();
        String victimBody = LocalHttp.awaitBody(ServiceRequests.hostPort(victim), Duration.ofSeconds(30)).trim();
        assertThat(spread).containsKey(victimBody);
        DockerCli.exec(containerId(victim), "rm", "/var/www/health");

        TargetHealthDescription unhealthy = await("the victim's target unhealthy").atMost(TIMEOUT)
                .until(() -> health().stream().filter(h -> "unhealthy".equals(h.targetHealth().stateAsString()))
                        .findFirst().orElse(null), h -> h != null);
        assertThat(unhealthy.targetHealth().reasonAsString()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(unhealthy.targetHealth().description()).isEqualTo("Health checks failed with these codes: [404]");
        assertThat(traffic(30)).as("no request reaches the unhealthy target").doesNotContainKey(victimBody);

        Service replaced = awaitService("the victim replaced and three healthy targets again", s -> healthyTargets() == 3
                && running().stream().noneMatch(t -> t.taskArn().equals(victim.taskArn())));
        Task stopped = server.ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(victim.taskArn())).tasks().getFirst();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed ELB health checks in (target-group "
                + targetGroup + ")");
        assertThat(messages(replaced)).contains("(service web) (task " + taskId(victim.taskArn()) + ") (port "
                + unhealthy.target().port() + ") is unhealthy in (target-group " + targetGroup
                + ") due to (reason Health checks failed with these codes: [404])");
        assertThat(messages(replaced)).anyMatch(m -> m.startsWith("(service web) registered 1 targets in (target-group "));
        assertThat(traffic(60)).hasSize(3);
    }

    @Test
    void aRollingUpdateAndAScaleInUnderSteadyTrafficLoseNoRequest() {
        String one = registerHttpd("one");
        String two = registerHttpd("two");
        createService(one, 3, 0);
        awaitHealthyTargets(3);

        try (RequestLoop loop = RequestLoop.start(listener(), 50, 15_000, Duration.ofMinutes(4))) {
            server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(two));
            Service updated = awaitService("the rollout to revision two", s -> completedOn(s, two, 3));
            await("every old target gone").atMost(TIMEOUT).until(() -> health().size() == 3);

            server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1));
            awaitService("scaled in to one task", s -> s.runningCount() == 1 && running().size() == 1);
            await("two targets drained").atMost(TIMEOUT).until(() -> health().size() == 1);
            loop.close();

            assertThat(loop.failures()).as("failed requests of %s sent", loop.sent()).isEmpty();
            // the rollout and the scale-in take a few seconds: at 50 requests/s that is a hundred requests or more
            assertThat(loop.sent()).isGreaterThanOrEqualTo(100);
            assertThat(loop.bodies().keySet()).anyMatch(b -> b.startsWith("revision one"))
                    .anyMatch(b -> b.startsWith("revision two"));
            assertThat(messages(updated)).anyMatch(m -> m.startsWith("(service web) has begun draining connections on"));
            assertThat(messages(updated)).anyMatch(m -> m.startsWith("(service web) deregistered "));
        }
        assertThat(traffic(10)).hasSize(1).allSatisfy((body, count) -> assertThat(body).startsWith("revision two"));
    }

    @Test
    void aTaskToStopDrainsInDeactivatingAndItsRequestInFlightFinishesBeforeItsContainersStop() throws Exception {
        String revision = registerHttpd("one");
        createService(revision, 1, 0);
        awaitHealthyTargets(1);
        Task task = running().getFirst();

        // a request the task takes 4 s to answer, in flight through the listener when the service scales to zero
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
                listener().resolve("/cgi-bin/slow")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        await("the slow request in the task").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> DockerCli.exec(containerId(task), "ls", "/tmp/slow-started").contains("slow-started"));
        server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));

        Task draining = await("the task DEACTIVATING while its target drains").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> describeTask(task), t -> "DEACTIVATING"
                        .equals(t.lastStatus()) && "STOPPED".equals(t.desiredStatus()));
        assertThat(health()).singleElement().satisfies(h -> {
            assertThat(h.targetHealth().stateAsString()).isEqualTo("draining");
            assertThat(h.targetHealth().reasonAsString()).isEqualTo("Target.DeregistrationInProgress");
        });
        assertThat(draining.stoppingAt()).isNotNull();
        HttpResponse<String> answer = slow.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("the request in flight finished").isEqualTo(200);
        assertThat(answer.body()).contains("slow answer");

        Task stopped = await("the task STOPPED").atMost(TIMEOUT).until(() -> describeTask(task),
                t -> "STOPPED".equals(t.lastStatus()));
        assertThat(stopped.containers().getFirst().exitCode()).as("stopped by SIGTERM after draining").isZero();
        assertThat(health()).isEmpty();
    }

    private Task describeTask(Task task) {
        return server.ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().getFirst();
    }

    private void createService(String revision, int count, int gracePeriodSeconds) {
        server.ecs().createService(fargateService(CLUSTER, "web", revision, count)
                .loadBalancers(l -> l.targetGroupArn(targetGroup).containerName("web").containerPort(8080))
                .healthCheckGracePeriodSeconds(gracePeriodSeconds).build());
    }

    /**
     * httpd answering its revision and its host name on /, 200 on /health while /var/www/health exists, and on
     * /cgi-bin/slow after 4 s (noting in /tmp/slow-started that the request arrived).
     */
    private String registerHttpd(String revision) {
        ContainerDefinition container = ContainerDefinition.builder().name("web").image(server.busybox())
                .essential(true)
                .command("sh", "-c", "echo \"revision " + revision + " $(hostname)\" > /var/www/index.html; "
                        + "echo ok > /var/www/health; mkdir -p /var/www/cgi-bin; "
                        + "printf '#!/bin/sh\\ntouch /tmp/slow-started\\nsleep 4\\necho Content-Type: text/plain\\n"
                        + "echo\\necho slow answer\\n' > /var/www/cgi-bin/slow; chmod +x /var/www/cgi-bin/slow; "
                        + "trap 'exit 0' TERM; httpd -f -p 8080 -h /var/www & wait")
                .portMappings(p -> p.containerPort(8080)).build();
        return ServiceRequests.registerFargate(server.ecs(), "httpd", container);
    }

    /** Sends {@code count} requests through the listener; answers how many each body got. Any failure fails. */
    private Map<String, Integer> traffic(int count) {
        try (RequestLoop loop = RequestLoop.start(listener(), 100, count, Duration.ofSeconds(60))) {
            await("traffic").atMost(Duration.ofSeconds(70)).until(() -> loop.sent() >= count
                    && loop.bodies().values().stream().mapToInt(Integer::intValue).sum() + loop.failures().size() >= count);
            loop.close();
            assertThat(loop.failures()).isEmpty();
            return loop.bodies();
        }
    }

    private URI listener() {
        return URI.create("http://127.0.0.1:" + listenerPort + "/");
    }

    private List<TargetHealthDescription> health() {
        return server.elbv2().describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions();
    }

    private long healthyTargets() {
        return health().stream().filter(h -> "healthy".equals(h.targetHealth().stateAsString())).count();
    }

    private void awaitHealthyTargets(int count) {
        await(count + " healthy targets").atMost(TIMEOUT).until(() -> healthyTargets() == count
                && health().size() == count);
    }

    private Service awaitService(String what, Predicate<Service> condition) {
        return ServiceRequests.awaitService(server.ecs(), CLUSTER, "web", TIMEOUT, what, condition);
    }

    private List<Task> running() {
        return ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                .filter(t -> "RUNNING".equals(t.desiredStatus()))
                .toList();
    }

    private static String containerId(Task task) {
        return task.containers().getFirst().runtimeId();
    }

    private static List<dev.ecsd.agent.runtime.ContainerObservation> containers() {
        return server.docker().listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, server.instanceId()));
    }

}

package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.RequestLoop;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The control plane killed with SIGKILL while traffic flows through a listener, or while a task's target drains:
 * after the restart the listener serves again, the targets are checked again, none is registered twice, and a
 * task that was draining still ends STOPPED.
 */
@RequiresDocker
class LoadBalancerRestartIT {
    private static final String CLUSTER = "lb-restart";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private record Balanced(String targetGroup, String revision, URI listener) {
    }

    @Test
    void afterKill9TheListenerServesAgainAndNoTargetIsRegisteredTwice() {
        withServer((server, busybox) -> {
            Balanced balanced = balancedService(server, busybox, 2, 300);
            try (RequestLoop before = RequestLoop.start(balanced.listener(), 20, 100, Duration.ofSeconds(30))) {
                await("traffic before the kill").atMost(Duration.ofSeconds(30))
                        .until(() -> before.bodies().size() == 2);
                server.kill9();
            }
            server.restart();

            awaitHealthy(server, balanced.targetGroup(), 2);
            try (RequestLoop after = RequestLoop.start(balanced.listener(), 20, 200, Duration.ofSeconds(60))) {
                await("both tasks answer through the listener again").atMost(Duration.ofSeconds(60))
                        .until(() -> after.bodies().size() == 2);
                after.close();
                assertThat(after.failures()).isEmpty();
            }
            List<TargetHealthDescription> health = health(server, balanced.targetGroup());
            assertThat(health).as("one target per task, none twice").hasSize(2);
            assertThat(health).extracting(h -> h.target().port()).doesNotHaveDuplicates();
            assertThat(ServiceRequests.describe(server.ecs(), CLUSTER, "web"))
                    .matches(s -> completedOn(s, balanced.revision(), 2));

            // the targets are checked again after the restart: a task that stops answering is found out
            Task victim = ServiceRequests.tasks(server.ecs(), CLUSTER, "web").getFirst();
            DockerCli.exec(victim.containers().getFirst().runtimeId(), "rm", "/var/www/index.html");
            await("the victim's target found unhealthy").atMost(TIMEOUT).until(() -> ServiceRequests.messages(
                    ServiceRequests.describe(server.ecs(), CLUSTER, "web")).stream().anyMatch(m -> m.contains(
                    "(task " + ServiceRequests.taskId(victim.taskArn()) + ")") && m.contains("is unhealthy in")));
        });
    }

    @Test
    void aTaskDrainingWhenTheServerIsKilledStillStopsAfterTheRestart() {
        withServer((server, busybox) -> {
            Balanced balanced = balancedService(server, busybox, 1, 120);
            EcsClient ecs = server.ecs();
            Task task = ServiceRequests.tasks(ecs, CLUSTER, "web").getFirst();
            // a request the task answers only after 20 s keeps its target draining (ALB ends a drain early only
            // when nothing is in flight) while the server dies
            HttpClient http = HttpClient.newHttpClient();
            http.sendAsync(HttpRequest.newBuilder(balanced.listener().resolve("/cgi-bin/slow"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
            await("the slow request in the task").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                    DockerCli.exec(task.containers().getFirst().runtimeId(), "ls", "/tmp/slow-started")
                            .contains("slow-started"));
            ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));
            await("the task DEACTIVATING, its target draining").atMost(Duration.ofSeconds(10))
                    .until(() -> describe(server.ecs(), task), t -> "DEACTIVATING".equals(t.lastStatus()));
            assertThat(health(server, balanced.targetGroup())).extracting(h -> h.targetHealth().stateAsString())
                    .containsExactly("draining");

            server.kill9();
            server.restart();

            Task stopped = await("the task STOPPED after the restart").atMost(TIMEOUT)
                    .until(() -> describe(server.ecs(), task), t -> "STOPPED".equals(t.lastStatus()));
            assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(health(server, balanced.targetGroup())).as("the drained target is gone").isEmpty();
            http.close();
        });
    }

    private static void withServer(BiConsumer<ServerProcess, String> test) {
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); ServerProcess server = ServerProcess.start()) {
            String busybox = TestImages.busybox(docker);
            String instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            try {
                test.accept(server, busybox);
                server.ecs().deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
            } finally {
                Set.copyOf(docker.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)))
                        .forEach(c -> docker.removeContainer(c.id()));
            }
        }
    }

    /**
     * A load balancer, a target group with the given deregistration delay, a listener, and a service of httpd tasks
     * behind it (answering their host name on /, and on /cgi-bin/slow after 20 s), all targets healthy.
     */
    private static Balanced balancedService(ServerProcess server, String busybox, int count, int delaySeconds) {
        EcsClient ecs = server.ecs();
        int port = FreePorts.freePort();
        String targetGroup;
        try (ElasticLoadBalancingV2Client elb = server.elbv2()) {
            String loadBalancer = elb.createLoadBalancer(r -> r.name("restart-lb")
                    .subnets("subnet-12345678", "subnet-87654321")).loadBalancers().getFirst().loadBalancerArn();
            targetGroup = elb.createTargetGroup(r -> r.name("restart-tg").protocol("HTTP").port(8080)
                    .targetType("ip").vpcId("vpc-12345678").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2))
                    .targetGroups().getFirst().targetGroupArn();
            String group = targetGroup;
            elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(group)
                    .attributes(a -> a.key("deregistration_delay.timeout_seconds").value(Integer.toString(delaySeconds))));
            elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(port)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        }
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String revision = ServiceRequests.registerFargate(ecs, "restart-lb", ContainerDefinition.builder().name("web")
                .image(busybox).essential(true)
                .command("sh", "-c", "echo \"up $(hostname)\" > /var/www/index.html; mkdir -p /var/www/cgi-bin; "
                        + "printf '#!/bin/sh\\ntouch /tmp/slow-started\\nsleep 20\\necho Content-Type: text/plain\\n"
                        + "echo\\necho slow answer\\n' > /var/www/cgi-bin/slow; chmod +x /var/www/cgi-bin/slow; "
                        + "trap 'exit 0' TERM; httpd -f -p 8080 -h /var/www & wait")
                .portMappings(p -> p.containerPort(8080)).build());
        String group = targetGroup;
        ecs.createService(fargateService(CLUSTER, "web", revision, count)
                .loadBalancers(l -> l.targetGroupArn(group).containerName("web").containerPort(8080)).build());
        awaitHealthy(server, targetGroup, count);
        return new Balanced(targetGroup, revision, URI.create("http://127.0.0.1:" + port + "/"));
    }

    private static Task describe(EcsClient ecs, Task task) {
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().getFirst();
    }

    private static List<TargetHealthDescription> health(ServerProcess server, String targetGroup) {
        try (ElasticLoadBalancingV2Client elb = server.elbv2()) {
            return elb.describeTargetHealth(r -> r.targetGroupArn(targetGroup)).targetHealthDescriptions();
        }
    }

    private static void awaitHealthy(ServerProcess server, String targetGroup, int count) {
        await(count + " healthy targets").atMost(TIMEOUT).until(() -> health(server, targetGroup).stream()
                .filter(h -> "healthy".equals(h.targetHealth().stateAsString())).count() == count);
    }
}

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The control plane killed with SIGKILL while traffic flows through a listener: after the restart the listener
 * serves again, the targets are checked again, and none is registered twice.
 */
@RequiresDocker
class LoadBalancerRestartIT {
    private static final String CLUSTER = "lb-restart";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void afterKill9TheListenerServesAgainAndNoTargetIsRegisteredTwice() {
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); ServerProcess server = ServerProcess.start()) {
            String busybox = TestImages.busybox(docker);
            String instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            try {
                killAndRestart(server, busybox);
            } finally {
                Set.copyOf(docker.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)))
                        .forEach(c -> docker.removeContainer(c.id()));
            }
        }
    }

    private void killAndRestart(ServerProcess server, String busybox) {
        EcsClient ecs = server.ecs();
        int port = FreePorts.freePort();
        String targetGroup;
        try (ElasticLoadBalancingV2Client elb = server.elbv2()) {
            String loadBalancer = elb.createLoadBalancer(r -> r.name("restart-lb").subnets("subnet-12345678", "subnet-87654321"))
                    .loadBalancers().getFirst().loadBalancerArn();
            targetGroup = elb.createTargetGroup(r -> r.name("restart-tg").protocol("HTTP").port(8080)
                    .targetType("ip").vpcId("vpc-12345678").healthCheckIntervalSeconds(5).healthCheckTimeoutSeconds(2))
                    .targetGroups().getFirst().targetGroupArn();
            String group = targetGroup;
            elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(port)
                    .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        }
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String revision = ServiceRequests.registerFargate(ecs, "restart-lb", ContainerDefinition.builder().name("web")
                .image(busybox).essential(true)
                .command("sh", "-c", "echo \"up $(hostname)\" > /var/www/index.html; trap 'exit 0' TERM; "
                        + "httpd -f -p 8080 -h /var/www & wait")
                .portMappings(p -> p.containerPort(8080)).build());
        String group = targetGroup;
        ecs.createService(fargateService(CLUSTER, "web", revision, 2)
                .loadBalancers(l -> l.targetGroupArn(group).containerName("web").containerPort(8080)).build());
        awaitHealthy(server, targetGroup, 2);
        URI listener = URI.create("http://127.0.0.1:" + port + "/");

        try (RequestLoop before = RequestLoop.start(listener, 20, 100, Duration.ofSeconds(30))) {
            await("traffic before the kill").atMost(Duration.ofSeconds(30)).until(() -> before.bodies().size() == 2);
            server.kill9();
        }
        server.restart();

        awaitHealthy(server, targetGroup, 2);
        try (RequestLoop after = RequestLoop.start(listener, 20, 200, Duration.ofSeconds(60))) {
            await("both tasks answer through the listener again").atMost(Duration.ofSeconds(60))
                    .until(() -> after.bodies().size() == 2);
            after.close();
            assertThat(after.failures()).isEmpty();
        }
        try (ElasticLoadBalancingV2Client elb = server.elbv2()) {
            List<TargetHealthDescription> health = elb.describeTargetHealth(r -> r.targetGroupArn(group))
                    .targetHealthDescriptions();
            assertThat(health).as("one target per task, none twice").hasSize(2);
            assertThat(health).extracting(h -> h.target().port()).doesNotHaveDuplicates();
        }
        assertThat(ServiceRequests.describe(server.ecs(), CLUSTER, "web")).matches(s -> completedOn(s, revision, 2));
        server.ecs().deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
    }

    private static void awaitHealthy(ServerProcess server, String targetGroup, int count) {
        try (ElasticLoadBalancingV2Client elb = server.elbv2()) {
            await(count + " healthy targets").atMost(TIMEOUT).until(() -> elb.describeTargetHealth(r -> r
                    .targetGroupArn(targetGroup)).targetHealthDescriptions().stream()
                    .filter(h -> "healthy".equals(h.targetHealth().stateAsString())).count() == count);
        }
    }

}

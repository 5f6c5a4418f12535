package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.awaitService;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Where a service ends: the tasks it owns, the cluster it belongs to, and what it may launch with, through the
 * SDK on the simulated runtime.
 */
class ServiceBoundariesIT {
    private static final String CLUSTER = "bounds";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();
    private String webApp;

    @BeforeEach
    void cluster() {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        webApp = registerFargate(ecs, "web-app", "busybox");
    }

    @Test
    void aTaskAUserRanInTheServicesGroupIsNotTheServicesToStop() {
        Task mine = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(webApp).launchType("FARGATE")
                .group("service:web").networkConfiguration(ServiceRequests.network())).tasks().getFirst();
        ecs.createService(fargateService(CLUSTER, "web", webApp, 1).build());

        awaitService(ecs, CLUSTER, "web", TIMEOUT, "the service's own task running",
                s -> s.runningCount() == 1 && s.deployments().getFirst().runningCount() == 1);
        Task after = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(mine.taskArn())).tasks().getFirst();
        assertThat(after.desiredStatus()).isEqualTo("RUNNING");
        assertThat(after.stopCode()).isNull();
    }

    @Test
    void aServiceArnOfAnotherClusterIsNotFoundInThisOne() {
        ecs.createCluster(r -> r.clusterName("other"));
        String otherArn = ecs.createService(fargateService("other", "web", webApp, 0).build()).service().serviceArn();

        assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services(otherArn)).failures())
                .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service(otherArn).desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster(CLUSTER).service(otherArn)))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThat(ecs.describeServices(r -> r.cluster("other").services("web")).services().getFirst().status())
                .isEqualTo("ACTIVE");
    }

    @Test
    void aDefaultStrategyWithNoWeightIsRefusedWithEcsMessageWhenAServiceFallsBackOnIt() {
        ecs.putClusterCapacityProviders(r -> r.cluster(CLUSTER).capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(0).base(0)));

        assertThatThrownBy(() -> ecs.createService(fargateService(CLUSTER, "web", webApp, 1).launchType((String) null)
                .build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("There are no capacity providers with a weight value greater than zero defined "
                        + "in the default capacity provider strategy.");
    }

    @Test
    void aServiceIsRefusedANetworkConfigurationItsTasksCouldNotLaunchWith() {
        List<String> subnets = java.util.stream.IntStream.range(0, 17).mapToObj(i -> "subnet-" + i).toList();
        assertThatThrownBy(() -> ecs.createService(fargateService(CLUSTER, "web", webApp, 1)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnets))).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("16 subnets");
        assertThatThrownBy(() -> ecs.createService(fargateService(CLUSTER, "web", webApp, 1)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1").assignPublicIp("MAYBE")))
                .build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("assignPublicIp");
    }

    @Test
    void aTaskAUserStopsIsNotCountedAsAFailureByTheBreaker() {
        ecs.createService(fargateService(CLUSTER, "web", webApp, 1)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(false)
                        .thresholdConfiguration(t -> t.type("COUNT").value(1))))
                .build());
        for (int round = 0; round < 2; round++) {
            Task running = await("a service task running").atMost(TIMEOUT).until(() -> ServiceRequests
                    .tasks(ecs, CLUSTER, "web").stream().filter(t -> "RUNNING".equals(t.lastStatus())
                            && "RUNNING".equals(t.desiredStatus())).findFirst(), java.util.Optional::isPresent).get();
            ecs.stopTask(r -> r.cluster(CLUSTER).task(running.taskArn()).reason("manual stop"));
            await("the stopped task replaced").atMost(TIMEOUT).until(() -> ServiceRequests.tasks(ecs, CLUSTER, "web")
                    .stream().anyMatch(t -> "RUNNING".equals(t.desiredStatus())
                            && !t.taskArn().equals(running.taskArn())));
        }
        var deployment = ServiceRequests.describe(ecs, CLUSTER, "web").deployments().getFirst();
        assertThat(deployment.failedTasks()).isZero();
        assertThat(deployment.rolloutStateAsString()).isNotEqualTo("FAILED");
    }
}

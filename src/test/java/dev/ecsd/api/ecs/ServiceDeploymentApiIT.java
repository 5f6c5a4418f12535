package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.DEPLOYMENT_ID;
import static dev.ecsd.api.ecs.ServiceRequests.awaitService;
import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.messages;
import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static dev.ecsd.api.ecs.ServiceRequests.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Which UpdateService changes create a deployment and which change the service in place; what a service's
 * tasks carry (startedBy, group, stop code and reason); a rolling update to its end. Simulated runtime.
 */
class ServiceDeploymentApiIT {
    private static final String CLUSTER = "deployments";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();
    private String revision1;
    private String revision2;

    @BeforeEach
    void wipe() {
        ecs.createCluster(r -> r.clusterName(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT"));
        revision1 = registerFargate(ecs, "web-app", "busybox");
        revision2 = registerFargate(ecs, "web-app", "busybox:2");
    }

    /** A target group a load balancer's listener forwards to, as ECS requires of a service's target group. */
    private String targetGroupBehindAListener() {
        ElasticLoadBalancingV2Client elb = server.elbv2();
        String loadBalancer = elb.createLoadBalancer(r -> r.name("deployments-lb")
                .subnets("subnet-12345678", "subnet-87654321")).loadBalancers().getFirst().loadBalancerArn();
        String group = elb.createTargetGroup(r -> r.name("deployments-tg").protocol("HTTP").port(8080)
                .targetType("ip").vpcId("vpc-12345678")).targetGroups().getFirst().targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(FreePorts.freePort())
                .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        return group;
    }

    @Test
    void changesThatReplaceTasksCreateADeployment() {
        Map<String, Consumer<UpdateServiceRequest.Builder>> changes = Map.of(
                "task-definition", r -> r.taskDefinition(revision2),
                "network", r -> r.networkConfiguration(network("subnet-87654321")),
                "platform", r -> r.platformVersion("1.4.0"),
                "load-balancers", r -> r.loadBalancers(lb -> lb.containerName("web").containerPort(8080)
                        .targetGroupArn(targetGroupBehindAListener())),
                "registries", r -> r.serviceRegistries(s -> s.registryArn(
                        "arn:aws:servicediscovery:us-east-1:000000000000:service/srv-0123456789abcdef")),
                "force", r -> r.forceNewDeployment(true));
        changes.forEach((name, change) -> {
            Service created = ecs.createService(fargateService(CLUSTER, name, revision1, 0).build()).service();
            String first = created.deployments().getFirst().id();

            Service updated = update(name, change);

            assertThat(updated.deployments()).as(name).extracting(Deployment::status)
                    .containsExactly("PRIMARY", "ACTIVE");
            Deployment primary = updated.deployments().getFirst();
            assertThat(primary.id()).as(name).matches(DEPLOYMENT_ID).isNotEqualTo(first);
            assertThat(primary.rolloutStateAsString()).as(name).isEqualTo("IN_PROGRESS");
            assertThat(primary.rolloutStateReason()).as(name).isEqualTo("ECS deployment " + primary.id() + " in progress.");
            assertThat(updated.deployments().get(1).id()).as(name).isEqualTo(first);
        });
    }

    @Test
    void aNewCapacityProviderStrategyCreatesADeployment() {
        Service created = ecs.createService(fargateService(CLUSTER, "spot", revision1, 0).launchType((String) null)
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1)).build()).service();

        Service updated = update("spot", r -> r.capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1)));

        assertThat(updated.deployments()).hasSize(2);
        assertThat(updated.deployments().getFirst().capacityProviderStrategy())
                .extracting(s -> s.capacityProvider()).containsExactly("FARGATE_SPOT");
        assertThat(updated.deployments().get(1).id()).isEqualTo(created.deployments().getFirst().id());
    }

    @Test
    void changesThatKeepTheTasksChangeTheServiceInPlace() {
        Service created = ecs.createService(fargateService(CLUSTER, "web", revision1, 0).build()).service();
        List<String> before = created.deployments().stream().map(Deployment::id).toList();

        Service scaled = update("web", r -> r.desiredCount(0));
        Service reconfigured = update("web", r -> r.deploymentConfiguration(c -> c.minimumHealthyPercent(50)
                .maximumPercent(150).deploymentCircuitBreaker(b -> b.enable(true).rollback(true))));
        Service graced = update("web", r -> r.healthCheckGracePeriodSeconds(120));
        Service sameRevision = update("web", r -> r.taskDefinition(revision1));
        Service sameNetwork = update("web", r -> r.networkConfiguration(network()));

        for (Service service : List.of(scaled, reconfigured, graced, sameRevision, sameNetwork)) {
            assertThat(service.deployments()).extracting(Deployment::id).containsExactlyElementsOf(before);
        }
        assertThat(graced.healthCheckGracePeriodSeconds()).isEqualTo(120);
        assertThat(graced.deploymentConfiguration().maximumPercent()).isEqualTo(150);
        assertThat(graced.deploymentConfiguration().deploymentCircuitBreaker().rollback()).isTrue();
    }

    @Test
    void aServicesTasksAreStartedByItsDeploymentInItsGroupAndStoppedWithEcsReasons() {
        Service created = ecs.createService(fargateService(CLUSTER, "web", revision1, 3).build()).service();
        String deployment = created.deployments().getFirst().id();
        Service steady = awaitService(ecs, CLUSTER, "web", TIMEOUT, "3 running tasks and a steady state",
                s -> completedOn(s, revision1, 3) && messages(s).contains("(service web) has reached a steady state."));

        List<Task> tasks = ServiceRequests.tasks(ecs, CLUSTER, "web");
        assertThat(tasks).hasSize(3).allSatisfy(t -> {
            assertThat(t.startedBy()).isEqualTo(deployment);
            assertThat(t.group()).isEqualTo("service:web");
            assertThat(t.lastStatus()).isEqualTo("RUNNING");
            assertThat(t.launchTypeAsString()).isEqualTo("FARGATE");
        });
        String started = messages(steady).stream().filter(m -> m.contains("has started")).findFirst().orElseThrow();
        assertThat(started).startsWith("(service web) has started 3 tasks: (task ").endsWith(").");
        tasks.forEach(t -> assertThat(started).contains("(task " + taskId(t.taskArn()) + ")"));
        assertThat(messages(steady)).contains("(service web) (deployment " + deployment + ") deployment completed.");
        assertThat(steady.deployments().getFirst().rolloutStateReason())
                .isEqualTo("ECS deployment " + deployment + " completed.");

        update("web", r -> r.desiredCount(1));
        Service scaledIn = awaitService(ecs, CLUSTER, "web", TIMEOUT, "one task left",
                s -> s.runningCount() == 1 && s.pendingCount() == 0);

        List<Task> stopped = ServiceRequests.tasks(ecs, CLUSTER, "web").stream()
                .filter(t -> "STOPPED".equals(t.desiredStatus())).toList();
        assertThat(stopped).hasSize(2).allSatisfy(t -> {
            assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(t.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + deployment + ")");
        });
        String stoppedEvent = "(service web) has stopped 2 running tasks: "
                + stopped.stream().map(t -> "(task " + taskId(t.taskArn()) + ")").sorted().collect(Collectors.joining(" "))
                + ".";
        assertThat(messages(scaledIn).stream().filter(m -> m.contains("has stopped")).map(ServiceDeploymentApiIT::sortTasks))
                .containsExactly(sortTasks(stoppedEvent));
        assertThat(scaledIn.deployments()).extracting(Deployment::desiredCount).containsExactly(1);
    }

    @Test
    void aRollingUpdateReplacesEveryTaskAndTheOldDeploymentLeavesTheList() {
        ecs.createService(fargateService(CLUSTER, "web", revision1, 2).build());
        awaitService(ecs, CLUSTER, "web", TIMEOUT, "revision 1 running", s -> completedOn(s, revision1, 2));

        Service updated = update("web", r -> r.taskDefinition(revision2));
        String newDeployment = updated.deployments().getFirst().id();
        String oldDeployment = updated.deployments().get(1).id();
        assertThat(updated.taskDefinition()).isEqualTo(revision2);

        Service done = awaitService(ecs, CLUSTER, "web", TIMEOUT, "revision 2 completed", s -> completedOn(s, revision2, 2));
        assertThat(done.deployments().getFirst().id()).isEqualTo(newDeployment);
        assertThat(done.deployments().getFirst().runningCount()).isEqualTo(2);
        List<Task> tasks = ServiceRequests.tasks(ecs, CLUSTER, "web");
        assertThat(tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())))
                .hasSize(2).allSatisfy(t -> {
                    assertThat(t.taskDefinitionArn()).isEqualTo(revision2);
                    assertThat(t.startedBy()).isEqualTo(newDeployment);
                });
        assertThat(tasks.stream().filter(t -> oldDeployment.equals(t.startedBy()))).hasSize(2).allSatisfy(t -> {
            assertThat(t.desiredStatus()).isEqualTo("STOPPED");
            assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(t.stoppedReason()).isEqualTo("Scaling activity initiated by (deployment " + newDeployment + ")");
        });
        assertThat(messages(done)).contains("(service web) (deployment " + newDeployment + ") deployment completed.");
    }

    @Test
    void limitsThatLeaveNoRoomAreReportedOnceAndTheOldTasksKeepRunning() {
        ecs.createService(fargateService(CLUSTER, "web", revision1, 2)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(100).maximumPercent(100)).build());
        awaitService(ecs, CLUSTER, "web", TIMEOUT, "revision 1 running", s -> completedOn(s, revision1, 2));

        update("web", r -> r.taskDefinition(revision2));

        String stuck = "(service web) was unable to stop or start tasks during a deployment because of the service "
                + "deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.";
        Service waiting = awaitService(ecs, CLUSTER, "web", TIMEOUT, "the stuck event",
                s -> messages(s).contains(stuck));
        assertThat(messages(waiting)).containsOnlyOnce(stuck);
        assertThat(waiting.deployments()).extracting(Deployment::runningCount).containsExactly(0, 2);

        // Room for one more task lets the rollout finish.
        update("web", r -> r.deploymentConfiguration(c -> c.maximumPercent(150)));
        Service done = awaitService(ecs, CLUSTER, "web", TIMEOUT, "revision 2 completed", s -> completedOn(s, revision2, 2));
        assertThat(messages(done)).containsOnlyOnce(stuck);
    }

    private Service update(String service, Consumer<UpdateServiceRequest.Builder> change) {
        UpdateServiceRequest.Builder request = UpdateServiceRequest.builder().cluster(CLUSTER).service(service);
        change.accept(request);
        return ecs.updateService(request.build()).service();
    }

    /** An event's task list in a stable order, since ECS does not promise one. */
    private static String sortTasks(String message) {
        int colon = message.indexOf(": ");
        String tasks = message.substring(colon + 2, message.length() - 1);
        return message.substring(0, colon + 2) + java.util.Arrays.stream(tasks.split(" \\(")).map(t -> t.startsWith("(")
                ? t : "(" + t).sorted().collect(Collectors.joining(" ")) + ".";
    }
}

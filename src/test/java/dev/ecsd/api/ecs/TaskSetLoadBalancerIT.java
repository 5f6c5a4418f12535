package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Each task set registers its tasks in its own target group, as an external controller's blue/green switch needs:
 * blue's task in the blue group, green's in the green one, and a set scaled to 0 deregisters its task.
 */
class TaskSetLoadBalancerIT {
    private static final String CLUSTER = "sets-lb";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();
    private final ElasticLoadBalancingV2Client elb = server.elbv2();

    @Test
    void eachSetsTasksAreTargetsOfItsOwnTargetGroup() {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String revision = registerFargate(ecs, "web", "registry.example/web:1");
        String loadBalancer = elb.createLoadBalancer(r -> r.name("sets-lb")
                .subnets("subnet-12345678", "subnet-87654321")).loadBalancers().getFirst().loadBalancerArn();
        String blueGroup = targetGroupBehind(loadBalancer, "blue");
        String greenGroup = targetGroupBehind(loadBalancer, "green");
        // the simulated runtime serves no port: a long grace period keeps failed health checks from replacing tasks
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("web").desiredCount(1)
                .healthCheckGracePeriodSeconds(3600)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));

        TaskSet blue = create(revision, blueGroup, 100.0);
        TaskSet green = create(revision, greenGroup, 100.0);
        assertThat(blue.loadBalancers().getFirst().targetGroupArn()).isEqualTo(blueGroup);

        Task blueTask = await("blue's task has a port").atMost(TIMEOUT).until(() -> runningOf(blue.id()),
                tasks -> tasks.size() == 1).getFirst();
        Task greenTask = await("green's task has a port").atMost(TIMEOUT).until(() -> runningOf(green.id()),
                tasks -> tasks.size() == 1).getFirst();
        await("each task registered in its set's group").atMost(TIMEOUT).until(() ->
                ports(blueGroup).equals(List.of(ServiceRequests.hostPort(blueTask)))
                        && ports(greenGroup).equals(List.of(ServiceRequests.hostPort(greenTask))));

        ecs.updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(blue.id())
                .scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT)));
        await("blue's target deregistered").atMost(TIMEOUT).until(() -> elb.describeTargetHealth(r -> r
                .targetGroupArn(blueGroup)).targetHealthDescriptions().stream()
                .allMatch(t -> "draining".equals(t.targetHealth().stateAsString())));
        assertThat(ports(greenGroup)).containsExactly(ServiceRequests.hostPort(greenTask));
    }

    private String targetGroupBehind(String loadBalancer, String name) {
        String group = elb.createTargetGroup(r -> r.name("sets-" + name).protocol("HTTP").port(8080)
                .targetType("ip").vpcId("vpc-12345678")).targetGroups().getFirst().targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(FreePorts.freePort())
                .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        return group;
    }

    private TaskSet create(String revision, String group, double percent) {
        return ecs.createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(revision)
                .launchType("FARGATE").networkConfiguration(network())
                .loadBalancers(l -> l.targetGroupArn(group).containerName("web").containerPort(8080))
                .scale(s -> s.value(percent).unit(ScaleUnit.PERCENT))).taskSet();
    }

    private List<Task> runningOf(String setId) {
        return ServiceRequests.tasks(ecs, CLUSTER, "web").stream().filter(t -> setId.equals(t.startedBy())
                && "RUNNING".equals(t.lastStatus())).toList();
    }

    /** The ports of the group's targets that are not draining. */
    private List<Integer> ports(String group) {
        return elb.describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions().stream()
                .filter(t -> !"draining".equals(t.targetHealth().stateAsString()))
                .map(TargetHealthDescription::target).map(t -> t.port()).toList();
    }
}

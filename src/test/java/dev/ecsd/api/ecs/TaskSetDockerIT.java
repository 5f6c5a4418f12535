package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * A blue/green switch of an EXTERNAL service whose task sets run real containers (busybox httpd on the local Docker
 * Engine): blue at 100% and green at 0%, green made primary and scaled to 100%, blue scaled to 0% and deleted. The
 * containers follow each step, and each set's tasks answer with their own revision.
 */
@RequiresDocker
class TaskSetDockerIT {
    private static final String CLUSTER = "docker-task-sets";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    @RegisterExtension
    static final DockerServer server = new DockerServer();

    @Test
    void blueGreenThroughTaskSetsStartsAndStopsRealContainers() {
        server.ecs().createCluster(r -> r.clusterName(CLUSTER));
        String blueRevision = registerHttpd("blue");
        String greenRevision = registerHttpd("green");
        server.ecs().createService(r -> r.cluster(CLUSTER).serviceName("web").desiredCount(2)
                .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));

        TaskSet blue = createSet(blueRevision, 100.0);
        TaskSet green = createSet(greenRevision, 0.0);
        server.ecs().updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web").primaryTaskSet(blue.id()));
        awaitSet(blue.id(), "blue runs two tasks", s -> s.runningCount() == 2
                && "STEADY_STATE".equals(s.stabilityStatusAsString()));
        List<Task> blueTasks = running(blue.id());
        assertThat(blueTasks).hasSize(2);
        assertThat(containerTasks()).isEqualTo(arns(blueTasks));
        for (Task task : blueTasks) {
            assertThat(LocalHttp.awaitBody(ServiceRequests.hostPort(task), Duration.ofSeconds(30)))
                    .contains("revision blue");
        }
        assertThat(running(green.id())).isEmpty();

        server.ecs().updateServicePrimaryTaskSet(r -> r.cluster(CLUSTER).service("web").primaryTaskSet(green.id()));
        server.ecs().updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(green.id())
                .scale(s -> s.value(100.0).unit(ScaleUnit.PERCENT)));
        awaitSet(green.id(), "green runs two tasks", s -> s.runningCount() == 2
                && "STEADY_STATE".equals(s.stabilityStatusAsString()));
        List<Task> greenTasks = running(green.id());
        for (Task task : greenTasks) {
            assertThat(LocalHttp.awaitBody(ServiceRequests.hostPort(task), Duration.ofSeconds(30)))
                    .contains("revision green");
        }
        assertThat(containerTasks()).containsAll(arns(greenTasks)).containsAll(arns(blueTasks));

        server.ecs().updateTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(blue.id())
                .scale(s -> s.value(0.0).unit(ScaleUnit.PERCENT)));
        await("blue's containers are gone").atMost(TIMEOUT).until(() -> containerTasks().equals(arns(greenTasks)));

        server.ecs().deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(blue.id()));
        await("blue is forgotten").atMost(TIMEOUT).until(() -> ServiceRequests.describe(server.ecs(), CLUSTER, "web")
                .taskSets().stream().map(TaskSet::id).toList().equals(List.of(green.id())));
        assertThat(ServiceRequests.describe(server.ecs(), CLUSTER, "web").taskDefinition()).isEqualTo(greenRevision);
        assertThat(containerTasks()).isEqualTo(arns(greenTasks));

        server.ecs().deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
        await("the service is INACTIVE").atMost(TIMEOUT).until(() -> "INACTIVE".equals(
                ServiceRequests.describe(server.ecs(), CLUSTER, "web").status()));
        await("no container left").atMost(TIMEOUT).until(() -> containers().isEmpty());
    }

    private String registerHttpd(String content) {
        ContainerDefinition container = ContainerDefinition.builder().name("web").image(server.busybox())
                .essential(true)
                // httpd as PID 1 would ignore SIGTERM and every stop would wait out the stop timeout.
                .command("sh", "-c", "echo 'revision " + content + "' > /var/www/index.html; trap 'exit 0' TERM; "
                        + "httpd -f -p 8080 -h /var/www & wait")
                .portMappings(p -> p.containerPort(8080)).build();
        return ServiceRequests.registerFargate(server.ecs(), "httpd-" + content, container);
    }

    private TaskSet createSet(String taskDefinition, double percent) {
        return server.ecs().createTaskSet(r -> r.cluster(CLUSTER).service("web").taskDefinition(taskDefinition)
                .launchType("FARGATE").networkConfiguration(network())
                .scale(s -> s.value(percent).unit(ScaleUnit.PERCENT))).taskSet();
    }

    private TaskSet awaitSet(String id, String what, Predicate<TaskSet> condition) {
        return await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> server.ecs().describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(id))
                        .taskSets()
                        .getFirst(), condition);
    }

    /** The set's tasks that are RUNNING and meant to be. */
    private List<Task> running(String taskSetId) {
        return ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream().filter(t -> taskSetId.equals(t.startedBy())
                && "RUNNING".equals(t.desiredStatus()) && "RUNNING".equals(t.lastStatus())).toList();
    }

    private static Set<String> arns(List<Task> tasks) {
        return tasks.stream().map(Task::taskArn).collect(Collectors.toSet());
    }

    /** The tasks this server's containers belong to (the label the ECS agent sets). */
    private static Set<String> containerTasks() {
        return containers().stream().map(c -> c.labels().get(ContainerSpecs.LABEL_TASK_ARN))
                .collect(Collectors.toSet());
    }

    private static List<ContainerObservation> containers() {
        return server.docker().listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, server.instanceId()));
    }
}

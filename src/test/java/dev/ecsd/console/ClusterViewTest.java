package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.Arns;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterViewTest {
    private static final Arns ARNS = new Arns("us-east-1", "000000000000");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Cluster CLUSTER = new Cluster(ARNS.cluster("c"), "c", ClusterStatus.ACTIVE, List.of(),
            null, List.of("FARGATE", "FARGATE_SPOT"), List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 1)),
            null, List.of(), T0);
    private final StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void countsEveryTaskOfTheClusterOnceWithOrWithoutAGroupAndNoneOfAnotherCluster() {
        put(service("web", ServiceStatus.ACTIVE, "ecs-svc/1"));
        put(task("c", "a1", TaskStatus.RUNNING, "service:web", "ecs-svc/1", 1));
        put(task("c", "a2", TaskStatus.PENDING, "service:web", "ecs-svc/1", 2));
        put(task("c", "a3", TaskStatus.RUNNING, "service:web", "someone-else", 3));
        put(task("c", "b1", TaskStatus.RUNNING, null, null, 4));
        put(task("c", "b2", TaskStatus.STOPPED, "family:web", null, 5));
        put(task("c2", "x1", TaskStatus.RUNNING, "service:web", "ecs-svc/1", 6));

        ClusterView view = ClusterView.of("us-east-1", ARNS, store.snapshot(), CLUSTER, null);

        assertThat(view.summary().running()).isEqualTo(3);
        assertThat(view.summary().pending()).isEqualTo(1);
        assertThat(view.summary().stopped()).isEqualTo(1);
        assertThat(view.summary().activeServices()).isEqualTo(1);
        assertThat(view.summary().defaultStrategy()).containsExactly("FARGATE_SPOT (weight 3, base 1)");
        assertThat(view.tasks().rows()).extracting(ClusterView.TaskRow::id)
                .as("newest first, the other cluster's task not among them")
                .containsExactly("b2", "b1", "a3", "a2", "a1");
        ClusterView.ServiceRow web = view.services().getFirst();
        assertThat(web.running()).as("a task of the group the service did not start is not its").isEqualTo(1);
        assertThat(web.pending()).isEqualTo(1);
        assertThat(web.rolloutState()).isEqualTo("IN_PROGRESS");
        assertThat(web.href()).isEqualTo("/ui/r/us-east-1/clusters/c/services/web");
    }

    @Test
    void theStatusFilterChoosesTasksAndCountsEachChoice() {
        put(task("c", "r", TaskStatus.RUNNING, null, null, 1));
        put(task("c", "p", TaskStatus.PROVISIONING, null, null, 2));
        put(task("c", "s", TaskStatus.STOPPED, null, null, 3));
        put(task("c", "d", TaskStatus.DEPROVISIONING, null, null, 4));

        ClusterView stopped = ClusterView.of("us-east-1", ARNS, store.snapshot(), CLUSTER, "STOPPED");

        assertThat(stopped.tasks().rows()).extracting(ClusterView.TaskRow::id).containsExactly("d", "s");
        assertThat(stopped.tasks().rows().get(1).stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.tasks().filters()).extracting(ClusterView.Filter::count).containsExactly(4, 1, 1, 2);
        assertThat(stopped.tasks().filters()).extracting(ClusterView.Filter::selected)
                .containsExactly(false, false, false, true);
        assertThat(ClusterView.of("us-east-1", ARNS, store.snapshot(), CLUSTER, "<script>").tasks().rows())
                .as("an unknown filter shows every task").hasSize(4);
    }

    @Test
    void listsTheNewestTwoHundredAndSaysHowManyThereAre() {
        store.write(tx -> {
            for (int i = 0; i < 250; i++) {
                tx.put(Kind.TASK, task("c", String.format("t%03d", i), TaskStatus.RUNNING, null, null, i));
            }
            return null;
        });

        ClusterView.Tasks tasks = ClusterView.of("us-east-1", ARNS, store.snapshot(), CLUSTER, null).tasks();

        assertThat(tasks.total()).isEqualTo(250);
        assertThat(tasks.bounded()).isTrue();
        assertThat(tasks.rows()).hasSize(ClusterView.TASK_LIMIT);
        assertThat(tasks.rows().getFirst().id()).isEqualTo("t249");
        assertThat(tasks.rows().getLast().id()).isEqualTo("t050");
        assertThat(tasks.rows().getFirst().revision()).isEqualTo("web:3");
        assertThat(tasks.rows().getFirst().revisionHref()).isEqualTo("/ui/r/us-east-1/task-definitions/web/3");
    }

    private void put(Object record) {
        store.write(tx -> {
            if (record instanceof Task task) {
                tx.put(Kind.TASK, task);
            } else {
                tx.put(Kind.SERVICE, (Service) record);
            }
            return null;
        });
    }

    private static Task task(String cluster, String id, TaskStatus status, String group, String startedBy,
            int second) {
        boolean stopped = status == TaskStatus.STOPPED || status.isStopping();
        return new Task.Builder()
                .taskArn(ARNS.task(cluster, id))
                .clusterArn(ARNS.cluster(cluster))
                .taskDefinitionArn(ARNS.taskDefinition("web", 3))
                .agentId("local-fargate")
                .lastStatus(status)
                .desiredStatus(stopped ? DesiredStatus.STOPPED : DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .group(group)
                .startedBy(startedBy)
                .stopCode(status == TaskStatus.STOPPED ? TaskStopCode.EssentialContainerExited : null)
                .createdAt(T0.plusSeconds(second))
                .build();
    }

    private static Service service(String name, ServiceStatus status, String deploymentId) {
        Deployment primary = new Deployment(deploymentId, DeploymentStatus.PRIMARY, ARNS.taskDefinition("web", 3), 2,
                0, T0, T0, "FARGATE", null, "LATEST", null, RolloutState.IN_PROGRESS, "in progress");
        return new Service.Builder()
                .serviceArn(ARNS.service("c", name))
                .serviceName(name)
                .clusterArn(ARNS.cluster("c"))
                .status(status)
                .desiredCount(2)
                .launchType("FARGATE")
                .taskDefinition(primary.taskDefinition())
                .schedulingStrategy("REPLICA")
                .deploymentController("ECS")
                .createdAt(T0)
                .deployments(List.of(primary))
                .events(List.of())
                .build();
    }
}

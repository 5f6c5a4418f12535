package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.CircuitBreakerOptions;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceEvent;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service page's view models, computed from snapshots made in memory: no server, no browser. */
class ServiceViewTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String REGION = "us-east-1";
    private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/c";
    private static final String TD1 = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1";
    private static final String TD2 = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2";
    private static final String OLD = "ecs-svc/1111111111111111111";
    private static final String NEW = "ecs-svc/2222222222222222222";

    private int taskCounter;

    @Test
    void progressIsRunningAndPendingAgainstTheDesiredCount() {
        ServiceView.Progress half = ServiceView.progress(4, 2, 1);
        assertThat(half.runningWidth()).isEqualTo(50.0);
        assertThat(half.pendingWidth()).isEqualTo(25.0);
        assertThat(half.label()).isEqualTo("2 of 4 running, 1 pending");

        ServiceView.Progress done = ServiceView.progress(3, 3, 0);
        assertThat(done.runningWidth()).isEqualTo(100.0);
        assertThat(done.pendingWidth()).isZero();
        assertThat(done.label()).isEqualTo("3 of 3 running");
    }

    @Test
    void aDeploymentRunningMoreThanItWantsFillsTheBarWithoutOverflowing() {
        // an ACTIVE deployment scaled to 0 that still runs 2 tasks: the bar is as long as the tasks there are
        ServiceView.Progress draining = ServiceView.progress(0, 2, 0);
        assertThat(draining.runningWidth()).isEqualTo(100.0);
        ServiceView.Progress surge = ServiceView.progress(2, 2, 2);
        assertThat(surge.runningWidth() + surge.pendingWidth()).isEqualTo(100.0);
        assertThat(surge.runningWidth()).isEqualTo(50.0);
    }

    @Test
    void nothingWantedAndNothingRunningIsAnEmptyBar() {
        ServiceView.Progress none = ServiceView.progress(0, 0, 0);
        assertThat(none.runningWidth()).isZero();
        assertThat(none.pendingWidth()).isZero();
        assertThat(none.label()).isEqualTo("0 of 0 running");
    }

    @Test
    void aRollingDeploymentShowsThePrimaryFirstWithEachDeploymentsOwnCounts() {
        Service service = service(3, DeploymentConfiguration.defaults(), List.of(
                deployment(OLD, DeploymentStatus.ACTIVE, TD1, 3, RolloutState.COMPLETED, 0),
                deployment(NEW, DeploymentStatus.PRIMARY, TD2, 3, RolloutState.IN_PROGRESS, 0)));
        List<Task> tasks = List.of(task(OLD, TD1, TaskStatus.RUNNING), task(OLD, TD1, TaskStatus.RUNNING),
                task(NEW, TD2, TaskStatus.RUNNING), task(NEW, TD2, TaskStatus.PENDING),
                task(NEW, TD2, TaskStatus.STOPPED));

        List<ServiceView.DeploymentRow> rows = ServiceView.deployments(REGION, service, tasks);

        assertThat(rows).extracting(ServiceView.DeploymentRow::status).containsExactly("PRIMARY", "ACTIVE");
        ServiceView.DeploymentRow primary = rows.getFirst();
        assertThat(primary.id()).isEqualTo(NEW);
        assertThat(primary.rolloutState()).isEqualTo("IN_PROGRESS");
        assertThat(primary.progress().running()).isEqualTo(1);
        assertThat(primary.progress().pending()).isEqualTo(1);
        assertThat(primary.progress().label()).isEqualTo("1 of 3 running, 1 pending");
        assertThat(primary.taskDefinition().label()).isEqualTo("web:2");
        assertThat(primary.taskDefinition().href()).isEqualTo(ConsolePaths.revision(REGION, "web", 2));
        assertThat(primary.circuitBreaker()).isFalse();
        ServiceView.DeploymentRow active = rows.get(1);
        assertThat(active.progress().running()).isEqualTo(2);
        assertThat(active.rolloutState()).isEqualTo("COMPLETED");

        ServiceView.Summary summary = ServiceView.summary(REGION, service, tasks);
        assertThat(summary.running()).isEqualTo(3);
        assertThat(summary.pending()).isEqualTo(1);
        assertThat(summary.desired()).isEqualTo(3);
        assertThat(summary.launch()).isEqualTo("FARGATE");
    }

    @Test
    void theCircuitBreakersCountAndThresholdAreShownWhenItIsOn() {
        DeploymentConfiguration breaker = new DeploymentConfiguration(100, 200, true, true,
                CircuitBreakerOptions.NONE, Map.of());
        Service service = service(10, breaker, List.of(
                deployment(NEW, DeploymentStatus.PRIMARY, TD2, 10, RolloutState.IN_PROGRESS, 2)));

        ServiceView.DeploymentRow row = ServiceView.deployments(REGION, service, List.of()).getFirst();

        assertThat(row.circuitBreaker()).isTrue();
        assertThat(row.failedTasks()).isEqualTo(2);
        // ECS's default threshold: half the desired count, at least 3
        assertThat(row.threshold()).isEqualTo(5);

        DeploymentConfiguration counted = new DeploymentConfiguration(100, 200, true, false,
                new CircuitBreakerOptions(null, new CircuitBreakerOptions.ThresholdConfiguration("COUNT", 7)),
                Map.of());
        assertThat(ServiceView.deployments(REGION, service(10, counted, service.deployments()), List.of())
                .getFirst().threshold()).isEqualTo(7);
    }

    @Test
    void eventsAreNewestFirstWithTheNewestMarked() {
        Service service = service(1, DeploymentConfiguration.defaults(), List.of(
                deployment(NEW, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.COMPLETED, 0)))
                .toBuilder()
                .events(List.of(new ServiceEvent("b", T0.plusSeconds(20), "(service web) has reached a steady state."),
                        new ServiceEvent("a", T0.plusSeconds(10), "(service web) has started 1 tasks: (task x)."),
                        new ServiceEvent("c", T0.plusSeconds(30), "(service web) has reached a steady state.")))
                .build();

        List<ServiceView.EventRow> rows = ServiceView.events(service);

        assertThat(rows).extracting(ServiceView.EventRow::id).containsExactly("c", "b", "a");
        assertThat(rows).extracting(ServiceView.EventRow::newest).containsExactly(true, false, false);
    }

    @Test
    void tasksWantedRunningComeFirstAndLinkToTheirPages() {
        Task stopped = task(OLD, TD1, TaskStatus.STOPPED).toBuilder().stoppedAt(T0.plusSeconds(5))
                .stoppedReason("Scaling activity initiated by (deployment " + NEW + ")").build();
        Task older = task(NEW, TD2, TaskStatus.RUNNING);
        Task newer = task(NEW, TD2, TaskStatus.RUNNING).toBuilder().healthStatus(HealthStatus.HEALTHY).build();

        List<ServiceView.TaskRow> rows = ServiceView.tasks(REGION, "c", List.of(stopped, older, newer));

        assertThat(rows).extracting(ServiceView.TaskRow::id)
                .containsExactly(newer.taskId(), older.taskId(), stopped.taskId());
        assertThat(rows.getFirst().href()).isEqualTo(ConsolePaths.task(REGION, "c", newer.taskId()));
        assertThat(rows.getFirst().health()).isEqualTo("HEALTHY");
        assertThat(rows.getFirst().taskDefinition().label()).isEqualTo("web:2");
        assertThat(rows.get(2).stoppedReason()).startsWith("Scaling activity");
    }

    @Test
    void theServicesTasksAreReadFromItsGroupsIndexAndOnlyThoseItOwns() {
        Service service = service(2, DeploymentConfiguration.defaults(), List.of(
                deployment(NEW, DeploymentStatus.PRIMARY, TD1, 2, RolloutState.IN_PROGRESS, 0)));
        Task mine = task(NEW, TD1, TaskStatus.RUNNING);
        // a task a user ran in the same group: not the service's
        Task stranger = task("someone", TD1, TaskStatus.RUNNING);
        StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer());
        store.write(tx -> {
            tx.put(Kind.SERVICE, service);
            tx.put(Kind.TASK, mine);
            tx.put(Kind.TASK, stranger);
            return null;
        });
        Snapshot state = store.snapshot();

        assertThat(ServiceView.tasksOf(state, service)).extracting(Task::taskArn).containsExactly(mine.taskArn());
    }

    @Test
    void aCapacityProviderStrategyIsShownInsteadOfALaunchType() {
        assertThat(ServiceView.launch(null, List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 1),
                new CapacityProviderStrategyItem("FARGATE", 1, null))))
                .isEqualTo("FARGATE_SPOT (weight 3, base 1), FARGATE (weight 1, base 0)");
        assertThat(ServiceView.launch("EC2", List.of())).isEqualTo("EC2");
    }

    @Test
    void aTaskDefinitionIsNamedByFamilyAndRevision() {
        assertThat(ServiceView.taskDefinition(REGION, TD2))
                .isEqualTo(new ServiceView.TaskDefinitionRef("web:2", "/ui/r/us-east-1/task-definitions/web/2"));
        assertThat(ServiceView.taskDefinition(REGION, null).href()).isNull();
    }

    private static Deployment deployment(String id, DeploymentStatus status, String taskDefinition, int desired,
            RolloutState state, int failed) {
        return new Deployment(id, status, taskDefinition, desired, failed, T0, T0, "FARGATE", null, "LATEST", null,
                state, "ECS deployment " + id + " " + state.name().toLowerCase() + ".");
    }

    private static Service service(int desired, DeploymentConfiguration configuration, List<Deployment> deployments) {
        return new Service.Builder()
                .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/c/web")
                .serviceName("web")
                .clusterArn(CLUSTER)
                .status(ServiceStatus.ACTIVE)
                .desiredCount(desired)
                .launchType("FARGATE")
                .taskDefinition(deployments.getFirst().taskDefinition())
                .deploymentConfiguration(configuration)
                .schedulingStrategy("REPLICA")
                .deploymentController("ECS")
                .createdAt(T0)
                .deployments(deployments)
                .events(List.of())
                .build();
    }

    private Task task(String deploymentId, String taskDefinition, TaskStatus status) {
        taskCounter++;
        Task.Builder builder = new Task.Builder()
                .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/" + String.format("%032x", taskCounter))
                .clusterArn(CLUSTER)
                .taskDefinitionArn(taskDefinition)
                .group("service:web")
                .startedBy(deploymentId)
                .lastStatus(status)
                .desiredStatus(status == TaskStatus.STOPPED ? DesiredStatus.STOPPED : DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .containers(List.of())
                .createdAt(T0.plusSeconds(taskCounter));
        if (status == TaskStatus.RUNNING) {
            builder.startedAt(T0.plusSeconds(taskCounter));
        }
        return builder.build();
    }
}

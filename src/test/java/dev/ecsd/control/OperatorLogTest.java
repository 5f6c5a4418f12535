package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.logging.LogFormat;
import dev.ecsd.logging.LogSettings;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceDeploymentStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Which committed changes the server's log tells, at which level and with which fields. */
class OperatorLogTest {
    private final ServiceFixtures fixtures = new ServiceFixtures();

    private static Change task(Task before, Task after) {
        return new Change(Kind.TASK, after.taskArn(), before, after);
    }

    private static Task stopped(Task task, TaskStopCode code, String reason, TaskContainer... containers) {
        return task.toBuilder().lastStatus(TaskStatus.STOPPED).desiredStatus(DesiredStatus.STOPPED).stopCode(code)
                .stoppedReason(reason).containers(List.of(containers)).stoppedAt(T0).build();
    }

    private static TaskContainer exited(String name, int code) {
        return new TaskContainer("arn:container/" + name, name, "busybox", "id-" + name, ContainerStatus.STOPPED, code,
                null, List.of(), null, true, null, null, null, T0, T0);
    }

    @Test
    void aTaskThatFailsToStartIsAWarningWithEverythingNeededToLookIntoIt() {
        Task pending = fixtures.pending("ecs-svc/1", TD1);
        Task failed = stopped(pending, TaskStopCode.TaskFailedToStart,
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): not found");

        assertThat(OperatorLog.lines("eu-west-1", List.of(task(pending, failed)))).singleElement().satisfies(line -> {
            assertThat(line.aboutTasks()).isTrue();
            assertThat(line.level()).isEqualTo(Level.WARN);
            assertThat(line.message()).isEqualTo("task failed to start");
            assertThat(line.fields()).containsExactly(
                    Map.entry("task", failed.taskId()), Map.entry("cluster", "c"), Map.entry("service", "web"),
                    Map.entry("group", "service:web"), Map.entry("taskDefinition", "web:1"),
                    Map.entry("stopCode", "TaskFailedToStart"),
                    Map.entry("stoppedReason", "CannotPullContainerError: pull image manifest has been retried 5 "
                            + "time(s): not found"),
                    Map.entry("region", "eu-west-1"));
        });
    }

    @Test
    void anExitedEssentialContainerIsAWarningWithTheExitCodes() {
        Task running = fixtures.running("ecs-svc/1", TD1);
        Task exited = stopped(running, TaskStopCode.EssentialContainerExited, "Essential container in task exited",
                exited("web", 3), exited("sidecar", 137));

        assertThat(OperatorLog.lines("us-east-1", List.of(task(running, exited)))).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(Level.WARN);
            assertThat(line.message()).isEqualTo("task stopped: an essential container exited");
            assertThat(line.fields()).containsEntry("exitCodes", "web=3,sidecar=137")
                    .containsEntry("stopCode", "EssentialContainerExited");
        });
    }

    @Test
    void stopsAskedForAreDebugOnlyAndFailedHealthChecksOrALostHostAreWarnings() {
        Task running = fixtures.running("ecs-svc/1", TD1);
        assertThat(oneCommitEach(
                task(running, stopped(running, TaskStopCode.UserInitiated, "Task stopped by user")),
                task(running, stopped(running, TaskStopCode.ServiceSchedulerInitiated,
                        "Scaling activity initiated by (deployment ecs-svc/2)")),
                task(running, stopped(running, TaskStopCode.ServiceSchedulerInitiated,
                        ServicePlanner.HEALTH_CHECK_REASON)),
                task(running, stopped(running, TaskStopCode.ServiceSchedulerInitiated,
                        ServicePlanner.elbHealthCheckReason("arn:aws:elasticloadbalancing:r:1:targetgroup/tg/1"))),
                task(running, stopped(running, TaskStopCode.InfrastructureHealth, "lost")),
                task(running, stopped(running, TaskStopCode.SpotInterruption, "Your Spot Task was interrupted."))))
                .extracting(OperatorLog.Line::level, OperatorLog.Line::message)
                .containsExactly(
                        tuple(Level.DEBUG, "task stopped"),
                        tuple(Level.DEBUG, "task stopped"),
                        tuple(Level.WARN, "task stopped: it failed its health checks"),
                        tuple(Level.WARN, "task stopped: it failed its health checks"),
                        tuple(Level.WARN, "task stopped: its host lost it"),
                        tuple(Level.INFO, "task stopped: Fargate Spot interruption"));
    }

    @Test
    void onlyTheStepToStoppedIsTold() {
        Task pending = fixtures.pending("ecs-svc/1", TD1);
        Task running = pending.toBuilder().lastStatus(TaskStatus.RUNNING).startedAt(T0).build();
        Task failed = stopped(running, TaskStopCode.EssentialContainerExited, "Essential container in task exited");
        Task stoppedAgain = failed.toBuilder().stoppedReason("kept").build();

        assertThat(OperatorLog.lines("r", List.of(task(pending, running), task(failed, stoppedAgain),
                new Change(Kind.TASK, failed.taskArn(), failed, null)))).isEmpty();
        assertThat(OperatorLog.lines("r", List.of(task(null, failed)))).as("a task written STOPPED at once")
                .hasSize(1);
    }

    @Test
    void everyDeploymentThatStartsOrChangesItsRolloutStateIsOneLine() {
        Deployment first = ServiceFixtures.deployment("ecs-svc/1", DeploymentStatus.PRIMARY, TD1, 2,
                RolloutState.IN_PROGRESS);
        Service created = ServiceFixtures.service(2, ServiceFixtures.breaker(true), List.of(first));
        Deployment completed = first.withRollout(RolloutState.COMPLETED, "ECS deployment ecs-svc/1 completed.", T0);
        Service steady = ServiceFixtures.service(2, ServiceFixtures.breaker(true), List.of(completed));
        Deployment second = ServiceFixtures.deployment("ecs-svc/2", DeploymentStatus.PRIMARY, TD2, 2,
                RolloutState.IN_PROGRESS);
        Service updating = ServiceFixtures.service(2, ServiceFixtures.breaker(true),
                List.of(second, completed.withStatus(DeploymentStatus.ACTIVE, T0)));
        Deployment failed = second.withRollout(RolloutState.FAILED,
                "ECS deployment circuit breaker: tasks failed to start.", T0);
        Service failing = ServiceFixtures.service(2, ServiceFixtures.breaker(true),
                List.of(failed, completed.withStatus(DeploymentStatus.ACTIVE, T0)));

        List<OperatorLog.Line> lines = oneCommitEach(
                new Change(Kind.SERVICE, created.serviceArn(), null, created),
                new Change(Kind.SERVICE, created.serviceArn(), created, steady),
                new Change(Kind.SERVICE, created.serviceArn(), steady, updating),
                new Change(Kind.SERVICE, created.serviceArn(), updating, updating),
                new Change(Kind.SERVICE, created.serviceArn(), updating, failing));

        assertThat(lines).extracting(OperatorLog.Line::level, OperatorLog.Line::message).containsExactly(
                tuple(Level.INFO, "deployment started"),
                tuple(Level.INFO, "deployment completed"),
                tuple(Level.INFO, "deployment started"),
                tuple(Level.WARN, "deployment failed"));
        assertThat(lines.getLast().aboutTasks()).isFalse();
        assertThat(lines.getLast().fields()).containsExactly(Map.entry("service", "web"), Map.entry("cluster", "c"),
                Map.entry("deployment", "ecs-svc/2"), Map.entry("taskDefinition", "web:2"),
                Map.entry("desiredCount", 2), Map.entry("rolloutState", "FAILED"),
                Map.entry("reason", "ECS deployment circuit breaker: tasks failed to start."),
                Map.entry("region", "r"));
    }

    @Test
    void inOneCommitTheWarningsComeFirstTheCauseBeforeTheEffect() {
        Deployment completed = ServiceFixtures.deployment("ecs-svc/1", DeploymentStatus.PRIMARY, TD1, 1,
                RolloutState.COMPLETED);
        Deployment second = ServiceFixtures.deployment("ecs-svc/2", DeploymentStatus.PRIMARY, TD2, 1,
                RolloutState.IN_PROGRESS);
        Service updating = ServiceFixtures.service(1, ServiceFixtures.breaker(true),
                List.of(second, completed.withStatus(DeploymentStatus.ACTIVE, T0)));
        Service rollingBack = ServiceFixtures.service(1, ServiceFixtures.breaker(true), List.of(
                completed.withRollout(RolloutState.IN_PROGRESS, "rolling back", T0),
                second.withStatus(DeploymentStatus.ACTIVE, T0).withRollout(RolloutState.FAILED, "failed", T0)));

        assertThat(OperatorLog.lines("r", List.of(new Change(Kind.SERVICE, updating.serviceArn(), updating,
                rollingBack), new Change(Kind.SERVICE_DEPLOYMENT, "arn", history("MONITORING", 2,
                        ServiceDeploymentStatus.IN_PROGRESS), history("TRIGGERED", 3,
                        ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS)))))
                .extracting(OperatorLog.Line::message).containsExactly("deployment failed",
                        "deployment circuit breaker tripped", "deployment in progress again");
    }

    @Test
    void aCircuitBreakerTripIsAWarningOnce() {
        ServiceDeployment monitoring = history("MONITORING", 2, ServiceDeploymentStatus.IN_PROGRESS);
        ServiceDeployment triggered = history("TRIGGERED", 3, ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);

        assertThat(OperatorLog.lines("r", List.of(
                new Change(Kind.SERVICE_DEPLOYMENT, "arn", monitoring, monitoring),
                new Change(Kind.SERVICE_DEPLOYMENT, "arn", monitoring, triggered),
                new Change(Kind.SERVICE_DEPLOYMENT, "arn", triggered, triggered)))).singleElement().satisfies(line -> {
                    assertThat(line.level()).isEqualTo(Level.WARN);
                    assertThat(line.message()).isEqualTo("deployment circuit breaker tripped");
                    assertThat(line.fields()).containsEntry("service", "web").containsEntry("cluster", "c")
                            .containsEntry("deployment", "ecs-svc/2").containsEntry("failedTasks", 3)
                            .containsEntry("threshold", 3).containsEntry("deploymentStatus", "ROLLBACK_IN_PROGRESS");
                });
    }

    @Test
    void theListenerWritesTheLinesThroughSlf4jWithTheirFields() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        LogFormat format = LogSettings.format();
        Level level = LogSettings.level();
        LogSettings.writeTo(new PrintStream(written, true, StandardCharsets.UTF_8));
        LogSettings.configure(LogFormat.JSON, Level.INFO);
        try {
            Task running = fixtures.running("ecs-svc/1", TD1);
            new OperatorLog("us-east-1").accept(List.of(
                    task(running, stopped(running, TaskStopCode.UserInitiated, "Task stopped by user")),
                    task(running, stopped(running, TaskStopCode.EssentialContainerExited, "Essential container in "
                            + "task exited", exited("web", 1)))));
        } finally {
            LogSettings.writeTo(null);
            LogSettings.configure(format, level);
        }
        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as("the user's stop is below INFO").hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.getFirst());
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("ecsd.tasks");
        assertThat(line.get("message").asText()).isEqualTo("task stopped: an essential container exited");
        assertThat(line.get("exitCodes").asText()).isEqualTo("web=1");
        assertThat(line.get("service").asText()).isEqualTo("web");
    }

    /** The lines of each change committed on its own, one after the other. */
    private static List<OperatorLog.Line> oneCommitEach(Change... changes) {
        return Arrays.stream(changes).flatMap(change -> OperatorLog.lines("r", List.of(change)).stream())
                .toList();
    }

    private static ServiceDeployment history(String breaker, int failures, ServiceDeploymentStatus status) {
        return new ServiceDeployment("arn:aws:ecs:us-east-1:000000000000:service-deployment/c/web/x",
                "arn:aws:ecs:us-east-1:000000000000:service/c/web", ServiceFixtures.CLUSTER, "ecs-svc/2", T0, T0, null,
                null, T0, List.of(), null, status, null, ServiceFixtures.breaker(true), null,
                new ServiceDeployment.CircuitBreaker(breaker, failures, 3), null);
    }
}

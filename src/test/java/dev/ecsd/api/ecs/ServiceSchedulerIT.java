package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.messages;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.SimulatedBehaviour;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The service scheduler on virtual time (a {@link Scenario}: the {@link SimulatedRuntime}, controllers stepped by
 * the test), through the SDK: the circuit breaker and its rollback, the launch throttle, health check grace and
 * replacement, and the event log's limits, each asserted at the virtual instant it must happen.
 */
class ServiceSchedulerIT {
    private static final String CLUSTER = "scheduler";
    private static final String GOOD = "registry.example/good:1";
    private static final String BAD = "registry.example/bad:1";
    private static final String PULL_ERROR = "pull access denied for registry.example/bad, repository does not exist";
    private Scenario scenario;
    private SimulatedRuntime runtime;
    private EcsClient ecs;
    private String good;
    private String bad;

    @BeforeEach
    void start() {
        scenario = Scenario.start();
        runtime = scenario.runtime.failPull(BAD, PULL_ERROR);
        ecs = scenario.ecs;
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        good = registerFargate(ecs, "web", GOOD);
        bad = registerFargate(ecs, "web", BAD);
    }

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void theBreakerFailsABadDeploymentAndRollsBackToTheLastCompletedOne() {
        // One task at a time (50% to 100%), and good tasks take 10 s to start, so the rollback can be watched.
        runtime.whenImage(GOOD, SimulatedBehaviour.runsForever().withStartDelay(Duration.ofSeconds(10)));
        ecs.createService(fargateService(CLUSTER, "web", good, 2).deploymentConfiguration(c -> c
                .minimumHealthyPercent(50).maximumPercent(100)
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))).build());
        awaitStarting(2);
        advance(Duration.ofSeconds(10));
        Service first = awaitService("the first deployment completed", s -> completedOn(s, good, 2));
        String completed = first.deployments().getFirst().id();

        String failing = ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(bad)).service()
                .deployments().getFirst().id();

        Service rollingBack = awaitService("the rollback under way",
                s -> s.deployments().size() == 2 && completed.equals(s.deployments().getFirst().id()));
        Deployment back = rollingBack.deployments().getFirst();
        assertThat(back.status()).isEqualTo("PRIMARY");
        assertThat(back.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(back.rolloutStateReason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + completed + ".");
        assertThat(back.taskDefinition()).isEqualTo(good);
        Deployment failed = rollingBack.deployments().get(1);
        assertThat(failed.id()).isEqualTo(failing);
        assertThat(failed.status()).isEqualTo("ACTIVE");
        assertThat(failed.rolloutStateAsString()).isEqualTo("FAILED");
        assertThat(failed.rolloutStateReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(failed.failedTasks()).isEqualTo(3);
        assertThat(rollingBack.taskDefinition()).isEqualTo(good);
        assertThat(messages(rollingBack)).containsSubsequence(
                "(service web) rolling back to deployment " + completed + ".",
                "(service web) (deployment " + failing + ") deployment failed: tasks failed to start.");
        assertThat(messages(rollingBack)).as("the breaker, not the throttle, speaks")
                .doesNotContain("(service web) is unable to consistently start tasks successfully.");

        awaitStarting(1);
        advance(Duration.ofSeconds(10));
        Service rolledBack = awaitService("the rollback completed", s -> completedOn(s, good, 2));
        assertThat(rolledBack.deployments().getFirst().id()).isEqualTo(completed);
        assertThat(messages(rolledBack).getFirst()).isEqualTo("(service web) has reached a steady state.");
        assertThat(messages(rolledBack)).containsSubsequence(
                "(service web) (deployment " + completed + ") deployment completed.",
                "(service web) rolling back to deployment " + completed + ".");
        assertThat(ServiceRequests.tasks(ecs, CLUSTER, "web").stream().filter(t -> bad.equals(t.taskDefinitionArn())))
                .extracting(t -> t.stopCodeAsString(), t -> t.stoppedReason().substring(0, 24))
                .containsExactly(tuple("TaskFailedToStart", "CannotPullContainerError"),
                        tuple("TaskFailedToStart", "CannotPullContainerError"),
                        tuple("TaskFailedToStart", "CannotPullContainerError"));
    }

    @Test
    void aCountThresholdTripsAtItsCountAndWithoutRollbackTheFailedDeploymentLaunchesNothing() {
        ecs.createService(fargateService(CLUSTER, "web", good, 3).deploymentConfiguration(c -> c
                .maximumPercent(134).deploymentCircuitBreaker(b -> b.enable(true).rollback(false)
                        .thresholdConfiguration(t -> t.type("COUNT").value(1)))).build());
        awaitService("the first deployment completed", s -> completedOn(s, good, 3));

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(bad));

        Service failed = awaitService("the deployment FAILED",
                s -> "FAILED".equals(s.deployments().getFirst().rolloutStateAsString()));
        assertThat(failed.deployments().getFirst().failedTasks()).as("tripped at the first failure").isEqualTo(1);
        assertThat(failed.deployments()).extracting(Deployment::status).containsExactly("PRIMARY", "ACTIVE");
        assertThat(failed.deployments().get(1).runningCount()).as("the old tasks keep running").isEqualTo(3);
        int launched = ServiceRequests.tasks(ecs, CLUSTER, "web").size();

        advance(Duration.ofMinutes(30));
        assertThat(ServiceRequests.tasks(ecs, CLUSTER, "web")).as("no launch in 30 minutes").hasSize(launched);
        assertThat(describe().deployments().getFirst().rolloutStateAsString()).isEqualTo("FAILED");
    }

    @Test
    void tasksThatKeepFailingToStartAreThrottledWithOneWarningUntilANewTaskDefinition() {
        ecs.createService(fargateService(CLUSTER, "web", bad, 1).build());

        String warning = "(service web) is unable to consistently start tasks successfully.";
        awaitService("the throttle warning", s -> messages(s).contains(warning));
        scenario.await("the third failure stopped", () -> noneLive(), none -> none);
        assertThat(startedTasks()).isEqualTo(3);

        // The delay doubles from 15 s: the 4th launch after 15 s, the 5th 30 s after the 4th failed.
        advance(Duration.ofMillis(14_999));
        assertThat(startedTasks()).as("paused until 15 s have passed").isEqualTo(3);
        advance(Duration.ofMillis(1));
        scenario.await("the 4th launch", () -> startedTasks() == 4 && noneLive(), done -> done);
        advance(Duration.ofMillis(29_999));
        assertThat(startedTasks()).as("paused until 30 s after the 4th failed").isEqualTo(4);
        advance(Duration.ofMillis(1));
        scenario.await("the 5th launch", () -> startedTasks() == 5 && noneLive(), done -> done);
        assertThat(messages(describe()).stream().filter(warning::equals)).as("the warning is not repeated").hasSize(1);

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(good));
        Service recovered = awaitService("a new task definition launches at once", s -> completedOn(s, good, 1));
        assertThat(recovered.runningCount()).isEqualTo(1);
    }

    @Test
    void anUnhealthyTaskIsReplacedOnlyOnceTheGracePeriodIsOver() {
        // Healthy at first, unhealthy from 10 s on; the service gives its tasks 60 s of grace.
        runtime.whenImage(GOOD, SimulatedBehaviour.runsForever().withHealth(Duration.ofSeconds(10),
                ContainerObservation.Health.HEALTHY, ContainerObservation.Health.UNHEALTHY));
        String checked = registerFargate(ecs, "checked", ContainerDefinition.builder().name("web").image(GOOD)
                .essential(true).healthCheck(h -> h.command("CMD-SHELL", "true").interval(10)).build());
        ecs.createService(fargateService(CLUSTER, "web", checked, 1).healthCheckGracePeriodSeconds(60).build());
        awaitService("the deployment completed", s -> completedOn(s, checked, 1));
        Task sick = ServiceRequests.tasks(ecs, CLUSTER, "web").getFirst();

        advance(Duration.ofSeconds(10));
        scenario.await("the task UNHEALTHY", () -> describeTask(sick).healthStatusAsString(), "UNHEALTHY"::equals);
        scenario.settle();
        assertThat(describeTask(sick).desiredStatus()).as("kept during its grace period").isEqualTo("RUNNING");
        advance(Duration.ofMillis(49_999));
        assertThat(describeTask(sick).desiredStatus()).as("kept until its grace period is over").isEqualTo("RUNNING");

        advance(Duration.ofMillis(1));
        Service replaced = awaitService("a replacement", s -> messages(s).stream().anyMatch(m -> m.endsWith(
                "Amazon ECS replaced 1 tasks due to an unhealthy status.")));
        Task stopped = describeTask(sick);
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        Task replacement = ServiceRequests.tasks(ecs, CLUSTER, "web").stream()
                .filter(t -> !t.taskArn().equals(sick.taskArn())).findFirst().orElseThrow();
        assertThat(messages(replaced)).contains(
                "(service web) (task " + ServiceRequests.taskId(sick.taskArn()) + ") failed container health checks.",
                "(service web) has started 1 tasks: (task " + ServiceRequests.taskId(replacement.taskArn())
                        + "). Amazon ECS replaced 1 tasks due to an unhealthy status.",
                "(service web) has stopped 1 running tasks: (task " + ServiceRequests.taskId(sick.taskArn()) + ").");
    }

    @Test
    void theEventLogKeepsTheNewestHundredEvents() {
        // Each task runs one second and exits: every second of virtual time brings a replacement and an event.
        runtime.whenImage(GOOD, SimulatedBehaviour.exitsAfter(Duration.ofSeconds(1), 1));
        ecs.createService(fargateService(CLUSTER, "web", good, 1).build());
        Service service = awaitService("a first task started", s -> !s.events().isEmpty());
        ServiceEvent first = service.events().getLast();

        for (int round = 0; round < 250 && eventIds().contains(first.id()); round++) {
            int before = startedTasks();
            // Its one second must start before the clock moves, or the clock would move past nothing.
            scenario.await("round " + round + ": a task RUNNING", () -> ServiceRequests.tasks(ecs, CLUSTER, "web")
                    .stream().anyMatch(t -> "RUNNING".equals(t.lastStatus())), running -> running);
            advance(Duration.ofSeconds(1));
            scenario.await("round " + round + ": a replacement", this::startedTasks, started -> started > before);
        }

        List<ServiceEvent> events = describe().events();
        assertThat(events).hasSize(100);
        assertThat(eventIds()).doesNotContain(first.id());
        assertThat(events).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
        assertThat(events.stream().map(ServiceEvent::id).distinct()).hasSize(100);
    }

    @Test
    void aServiceWithoutCapacitySaysSoOnceAndDoesNotSpin() {
        // No launch type, no strategy, no cluster default: the EC2 launch type, which has no instances yet.
        Service service = ecs.createService(fargateService(CLUSTER, "web", good, 1).launchType((String) null).build())
                .service();
        assertThat(service.launchTypeAsString()).isEqualTo("EC2");
        String message = "(service web) was unable to place a task because no container instance met all of its "
                + "requirements. Reason: No Container Instances were found in your cluster. For more information, "
                + "see the Troubleshooting section of the Amazon ECS Developer Guide.";
        awaitService("the placement failure event", s -> messages(s).contains(message));

        long version = scenario.server.server().store().snapshot().version();
        // An hour of resyncs: a scheduler that spins would exceed runUntilIdle's bound, one that repeats itself
        // would write.
        advance(Duration.ofHours(1));
        assertThat(scenario.server.server().store().snapshot().version()).as("nothing written").isEqualTo(version);
        Service later = describe();
        assertThat(messages(later)).containsOnlyOnce(message);
        assertThat(later.runningCount() + later.pendingCount()).isZero();
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
    }

    private void advance(Duration duration) {
        scenario.advance(duration);
    }

    /** Waits until {@code count} containers are starting, so that advancing the clock lets them run. */
    private void awaitStarting(int count) {
        scenario.awaitCallsWaitingForTime(count);
    }

    private Service describe() {
        return ServiceRequests.describe(ecs, CLUSTER, "web");
    }

    private Service awaitService(String what, Predicate<Service> condition) {
        return scenario.await(what, this::describe, condition);
    }

    private int startedTasks() {
        return ServiceRequests.tasks(ecs, CLUSTER, "web").size();
    }

    private boolean noneLive() {
        return ServiceRequests.tasks(ecs, CLUSTER, "web").stream().allMatch(t -> "STOPPED".equals(t.lastStatus()));
    }

    private Task describeTask(Task task) {
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().getFirst();
    }

    private List<String> eventIds() {
        return describe().events().stream().map(ServiceEvent::id).toList();
    }
}

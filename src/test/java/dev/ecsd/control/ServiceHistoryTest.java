package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.ServiceFixtures.breaker;
import static dev.ecsd.control.ServiceFixtures.configuration;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceDeploymentStatus;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceHistoryTest {
    private static final String D1 = "ecs-svc/1111111111111111111";
    private static final String D2 = "ecs-svc/2222222222222222222";
    private static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/c/web";
    private final ServiceFixtures world = new ServiceFixtures();
    /** The history as the store would hold it, by ARN. */
    private final Map<String, ServiceDeployment> records = new HashMap<>();
    private final List<ServiceRevision> revisions = new ArrayList<>();

    /** Translates one write of the service, with its tasks as given, and keeps what it answers. */
    private void write(Service before, Service after, List<Task> tasks, Instant now) {
        Map<String, ServiceDeployment> existing = new HashMap<>();
        List<Deployment> deployments = new ArrayList<>(after.deployments());
        if (before != null) {
            deployments.addAll(before.deployments());
        }
        deployments.forEach(d -> {
            ServiceDeployment record = records.get(ServiceDeployment.arnOf(SERVICE, d.id()));
            if (record != null) {
                existing.put(d.id(), record);
            }
        });
        Map<String, ServiceHistory.TaskCounts> counts = new HashMap<>();
        for (Task task : tasks) {
            ServiceHistory.TaskCounts now0 = counts.getOrDefault(task.startedBy(), ServiceHistory.TaskCounts.NONE);
            boolean running = task.lastStatus() == TaskStatus.RUNNING;
            counts.put(task.startedBy(), new ServiceHistory.TaskCounts(now0.running() + (running ? 1 : 0),
                    now0.pending() + (task.isPending() ? 1 : 0)));
        }
        ServiceHistory.Changes changes = ServiceHistory.translate(new ServiceHistory.Inputs(before, after, existing,
                counts, world.definitions, now));
        revisions.addAll(changes.revisions());
        changes.deployments().forEach(d -> {
            ServiceDeployment old = records.get(d.serviceDeploymentArn());
            if (old != null && old.status() != d.status()) {
                assertThat(old.status().canBecome(d.status())).as(old.status() + " -> " + d.status()).isTrue();
            }
            records.put(d.serviceDeploymentArn(), d);
        });
    }

    private ServiceDeployment record(String deploymentId) {
        return records.get(ServiceDeployment.arnOf(SERVICE, deploymentId));
    }

    private static String revision(String deploymentId) {
        return ServiceRevision.arnOf(SERVICE, deploymentId);
    }

    private static Service created(int desired, boolean circuitBreaker) {
        Service fresh = service(desired, circuitBreaker ? breaker(true) : configuration(100, 200),
                List.of(deployment(D1, DeploymentStatus.PRIMARY, TD1, desired, RolloutState.IN_PROGRESS)));
        return ServiceCommands.decide(null, new ServiceCommand.Create(fresh.toBuilder().deployments(List.of()).build()),
                T0, () -> D1);
    }

    @Test
    void aRolloutIsInProgressThenSuccessfulWithItsRevisionAndCounts() {
        Service service = created(2, false);
        write(null, service, List.of(), T0);
        ServiceDeployment started = record(D1);
        assertThat(started.serviceDeploymentArn()).matches(
                "arn:aws:ecs:us-east-1:000000000000:service-deployment/c/web/[A-Za-z0-9_-]{22}");
        assertThat(started.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(started.sourceServiceRevisions()).isEmpty();
        assertThat(started.targetServiceRevision())
                .isEqualTo(new ServiceDeployment.RevisionCounts(revision(D1), 2, 0, 0));
        assertThat(started.deploymentCircuitBreaker().status()).isEqualTo("DISABLED");
        assertThat(revisions).singleElement().satisfies(r -> {
            assertThat(r.serviceRevisionArn())
                    .isEqualTo("arn:aws:ecs:us-east-1:000000000000:service-revision/c/web/1111111111111111111");
            assertThat(r.taskDefinition()).isEqualTo(TD1);
            assertThat(r.launchType()).isEqualTo("FARGATE");
            assertThat(r.platformFamily()).isEqualTo("Linux");
            assertThat(r.containerImages()).containsExactly(new ServiceRevision.ContainerImage("web", null, "busybox"));
        });

        List<Task> tasks = world.many(2, () -> world.running(D1, TD1));
        ServicePlan plan = world.plan(service, tasks, T0.plusSeconds(30));
        write(service, plan.service(), tasks, T0.plusSeconds(30));
        ServiceDeployment done = record(D1);
        assertThat(done.status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(done.targetServiceRevision().runningTaskCount()).isEqualTo(2);
    }

    @Test
    void aNewDeploymentStopsTheOneInProgressAndNamesItsRevisionAsSource() {
        Service first = created(2, false);
        write(null, first, List.of(), T0);
        List<Task> tasks = List.of(world.running(D1, TD1));
        Service second = ServiceCommands.decide(first, new ServiceCommand.Update(SERVICE, null, TD2, null, null, null,
                null, null, null, null, null, null, null, null, null, false), T0.plusSeconds(5), () -> D2);
        write(first, second, tasks, T0.plusSeconds(5));

        assertThat(record(D1).status()).isEqualTo(ServiceDeploymentStatus.STOPPED);
        assertThat(record(D1).statusReason()).isEqualTo(ServiceHistory.SUPERSEDED);
        assertThat(record(D1).stoppedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(record(D2).status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS);
        assertThat(record(D2).sourceServiceRevisions())
                .containsExactly(new ServiceDeployment.RevisionCounts(revision(D1), 2, 1, 0));
        assertThat(record(D2).targetServiceRevision().arn()).isEqualTo(revision(D2));
        assertThat(revisions).extracting(ServiceRevision::taskDefinition).containsExactly(TD1, TD2);
    }

    /** D1 completed; D2 in progress with the circuit breaker on, its tasks failing to start. */
    private Service failingRollout(boolean rollback) {
        Service first = created(2, true);
        write(null, first, List.of(), T0);
        List<Task> healthy = world.many(2, () -> world.running(D1, TD1));
        Service steady = world.plan(first, healthy, T0.plusSeconds(10)).service();
        write(first, steady, healthy, T0.plusSeconds(10));
        Service updated = ServiceCommands.decide(steady, new ServiceCommand.Update(SERVICE, null, TD2, null, null,
                null, null, null, breaker(rollback), null, null, null, null, null, null, false),
                T0.plusSeconds(20), () -> D2);
        write(steady, updated, healthy, T0.plusSeconds(20));
        return updated;
    }

    @Test
    void theCircuitBreakerRollsBackAndTheRollbackSucceeds() {
        Service updated = failingRollout(true);
        assertThat(record(D2).deploymentCircuitBreaker())
                .isEqualTo(new ServiceDeployment.CircuitBreaker("MONITORING", 0, 3));
        List<Task> tasks = new ArrayList<>(world.many(2, () -> world.running(D1, TD1)));
        tasks.addAll(world.many(3, () -> world.failedToStart(D2, TD2)));
        Service rolledBack = world.plan(updated, tasks, T0.plusSeconds(30)).service();
        write(updated, rolledBack, tasks, T0.plusSeconds(30));

        ServiceDeployment failed = record(D2);
        assertThat(failed.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
        assertThat(failed.statusReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(failed.deploymentCircuitBreaker())
                .isEqualTo(new ServiceDeployment.CircuitBreaker("TRIGGERED", 3, 3));
        assertThat(failed.rollback().serviceRevisionArn()).isEqualTo(revision(D1));
        assertThat(failed.rollback().startedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(failed.rollback().reason()).contains("rolling back to deploymentId " + D1);
        assertThat(record(D1).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);

        List<Task> back = world.many(2, () -> world.running(D1, TD1));
        Service recovered = world.plan(rolledBack, back, T0.plusSeconds(40)).service();
        assertThat(recovered.primary().orElseThrow().rolloutState()).isEqualTo(RolloutState.COMPLETED);
        write(rolledBack, recovered, back, T0.plusSeconds(40));
        assertThat(record(D2).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
        assertThat(record(D2).finishedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(record(D1).status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
    }

    @Test
    void theRollbackGoesWhereTheHistorySaysTheServiceLastCompletedNotWhereItsRecordSays() {
        Service updated = failingRollout(true);
        StateStore store = StateStore.open(new MemoryBackend(), InstantSource.system());
        store.write(tx -> {
            revisions.forEach(r -> tx.put(Kind.SERVICE_REVISION, r));
            records.values().forEach(r -> tx.put(Kind.SERVICE_DEPLOYMENT, r));
            return null;
        });
        // the record's own copy is gone (or names another deployment): the history alone says D1 completed
        Service forgetful = updated.toBuilder().lastCompletedDeployment(null).build();
        Deployment target = RollbackTargets.lastCompleted(store.snapshot(), forgetful).orElseThrow();
        assertThat(target.id()).isEqualTo(D1);
        assertThat(target.taskDefinition()).isEqualTo(TD1);
        assertThat(target.launchType()).isEqualTo("FARGATE");

        List<Task> tasks = new ArrayList<>(world.many(2, () -> world.running(D1, TD1)));
        tasks.addAll(world.many(3, () -> world.failedToStart(D2, TD2)));
        Service withoutHistory = world.plan(forgetful, tasks, T0.plusSeconds(30)).service();
        Service withHistory = ServicePlanner.plan(new ServicePlanner.ServiceView(forgetful, tasks, world.definitions,
                T0.plusSeconds(30), () -> "event", Map.of(), Set.of(), Map.of(), target)).service();

        assertThat(withoutHistory.primary().orElseThrow().id()).as("nothing to roll back to").isEqualTo(D2);
        assertThat(withHistory.primary().orElseThrow().id()).isEqualTo(D1);
        assertThat(withHistory.taskDefinition()).isEqualTo(TD1);
        assertThat(DeploymentStops.decide(forgetful, new ServiceCommand.StopDeployment(SERVICE, D2, true),
                T0.plusSeconds(25), () -> "event", target).primary().orElseThrow().id()).isEqualTo(D1);
    }

    @Test
    void aFailedRolloutWithoutRollbackIsStopped() {
        Service updated = failingRollout(false);
        List<Task> tasks = new ArrayList<>(world.many(2, () -> world.running(D1, TD1)));
        tasks.addAll(world.many(3, () -> world.failedToStart(D2, TD2)));
        Service failed = world.plan(updated, tasks, T0.plusSeconds(30)).service();
        write(updated, failed, tasks, T0.plusSeconds(30));
        assertThat(record(D2).status()).isEqualTo(ServiceDeploymentStatus.STOPPED);
        assertThat(record(D2).statusReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(record(D2).deploymentCircuitBreaker().status()).isEqualTo("TRIGGERED");
        assertThat(record(D2).rollback()).isNull();
    }

    @Test
    void stopServiceDeploymentRollsBackThroughTheCommand() {
        Service updated = failingRollout(false);
        records.put(record(D2).serviceDeploymentArn(), record(D2)
                .withStatus(ServiceDeploymentStatus.ROLLBACK_REQUESTED, null, T0.plusSeconds(25)));
        Service rolledBack = DeploymentStops.decide(updated, new ServiceCommand.StopDeployment(SERVICE, D2, true),
                T0.plusSeconds(25), () -> "event");
        assertThat(rolledBack.primary().orElseThrow().id()).isEqualTo(D1);
        assertThat(rolledBack.taskDefinition()).isEqualTo(TD1);
        write(updated, rolledBack, List.of(), T0.plusSeconds(25));
        ServiceDeployment stopped = record(D2);
        assertThat(stopped.status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
        assertThat(stopped.rollback().serviceRevisionArn()).isEqualTo(revision(D1));
        assertThat(stopped.deploymentCircuitBreaker().status()).isEqualTo("MONITORING");
    }

    @Test
    void stopServiceDeploymentAbortsWhereItIs() {
        Service updated = failingRollout(false);
        records.put(record(D2).serviceDeploymentArn(), record(D2)
                .withStatus(ServiceDeploymentStatus.STOP_REQUESTED, null, T0.plusSeconds(25)));
        Service aborted = DeploymentStops.decide(updated, new ServiceCommand.StopDeployment(SERVICE, D2, false),
                T0.plusSeconds(25), () -> "event");
        assertThat(aborted.primary().orElseThrow().id()).isEqualTo(D2);
        write(updated, aborted, List.of(), T0.plusSeconds(25));
        assertThat(record(D2).status()).isEqualTo(ServiceDeploymentStatus.STOPPED);
        assertThat(record(D2).statusReason()).isEqualTo(ServiceHistory.STOPPED_BY_REQUEST);
        // a FAILED primary starts nothing more
        assertThat(world.plan(aborted, world.many(2, () -> world.running(D1, TD1)), T0.plusSeconds(30)).launches())
                .isEmpty();
    }

    @Test
    void aRollbackWhoseTargetFailsTooFails() {
        Service updated = failingRollout(true);
        List<Task> tasks = new ArrayList<>(world.many(3, () -> world.failedToStart(D2, TD2)));
        Service rolledBack = world.plan(updated, tasks, T0.plusSeconds(30)).service();
        write(updated, rolledBack, tasks, T0.plusSeconds(30));
        List<Task> worse = new ArrayList<>(tasks);
        worse.addAll(world.many(3, () -> world.failedToStart(D1, TD1)));
        Service failedAgain = world.plan(rolledBack, worse, T0.plusSeconds(40)).service();
        write(rolledBack, failedAgain, worse, T0.plusSeconds(40));
        assertThat(record(D2).status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_FAILED);
    }

    @Test
    void theStatusTableEndsInTheFourCompletedStates() {
        assertThat(ServiceDeploymentStatus.values()).filteredOn(s -> !s.isOngoing()).containsExactlyInAnyOrder(
                ServiceDeploymentStatus.SUCCESSFUL, ServiceDeploymentStatus.STOPPED,
                ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL, ServiceDeploymentStatus.ROLLBACK_FAILED);
        assertThat(ServiceDeploymentStatus.SUCCESSFUL.canBecome(ServiceDeploymentStatus.STOPPED)).isFalse();
    }
}

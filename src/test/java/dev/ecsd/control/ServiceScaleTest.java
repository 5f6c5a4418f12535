package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.channel.ContainerStateChange;
import dev.ecsd.channel.TaskStateChange;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane at scale, on one thread and virtual time: 1,000 services of 10 tasks each are created, the
 * service scheduler (on a manual controller runtime) launches their tasks, an agent that starts every task at once
 * reports through the real agent channel, and every service must reach its steady state. Then a resync passes over
 * services none of whose inputs changed, and a full pass, which queues them all, must not make the scheduler take the
 * store's writer lock for services that need nothing.
 */
class ServiceScaleTest {
    private static final int SERVICES = 1_000;
    private static final int TASKS_EACH = 10;
    private static final Arns ARNS = new Arns("us-east-1", "000000000000");
    private static final String FAMILY_ARN = ARNS.taskDefinition("web", 1);

    private final VirtualTimer timer = new VirtualTimer();
    private final StateStore store = StateStore.open(new MemoryBackend(), timer);
    private final ControllerRuntime controllers = ControllerRuntime.manual(timer);
    private final StoreAgentChannel channel = new StoreAgentChannel(store);

    @AfterEach
    void close() {
        controllers.close();
        store.close();
    }

    @Test
    void aThousandServicesOfTenTasksConvergeAndAQuietResyncTakesNoWriterLock() {
        AtomicLong ids = new AtomicLong();
        TaskLaunch launch = new TaskLaunch(ARNS, () -> new UUID(7, ids.incrementAndGet()), new SplittableRandom(7));
        new ServiceController(store, ARNS, launch, controllers, () -> "event-" + ids.incrementAndGet());
        ServiceCommands commands = new ServiceCommands(store, new SplittableRandom(11)::nextLong);
        Cluster cluster = new Cluster(ARNS.cluster("scale"), "scale", ClusterStatus.ACTIVE, List.of(), null, List.of(),
                List.of(), null, List.of(), timer.instant());
        TaskDefinition definition = ServiceFixtures.definition(FAMILY_ARN, null);
        store.write(tx -> {
            tx.put(Kind.CLUSTER, cluster);
            return tx.put(Kind.TASK_DEFINITION, definition);
        });

        long began = System.nanoTime();
        for (int i = 0; i < SERVICES; i++) {
            commands.submit(new ServiceCommand.Create(service(cluster, "svc-" + i)));
        }
        int rounds = 0;
        while (!converged(store.snapshot()) && rounds++ < 20) {
            controllers.runUntilIdle(100_000);
            startEveryNewTask();
            controllers.runUntilIdle(100_000);
        }
        Duration converging = Duration.ofNanos(System.nanoTime() - began);

        Snapshot state = store.snapshot();
        assertThat(converged(state)).as("every service steady after %d rounds", rounds).isTrue();
        assertThat(state.all(Kind.TASK)).hasSize(SERVICES * TASKS_EACH)
                .allMatch(t -> t.lastStatus() == TaskStatus.RUNNING);
        System.out.printf("%d services x %d tasks converged in %d ms (%d store transactions, longest writer hold %d µs)%n",
                SERVICES, TASKS_EACH, converging.toMillis(), store.writerStats().transactions(),
                store.writerStats().longestHold().toNanos() / 1_000);

        StateStore.WriterStats before = store.writerStats();
        long version = state.version();
        timer.advance(ServiceController.RESYNC);
        assertThat(controllers.runUntilIdle(100_000))
                .as("a resync between full passes passes over services none of whose inputs changed").isZero();
        for (int pass = 2; pass < QuietServices.FULL_PASS_EVERY; pass++) {
            timer.advance(ServiceController.RESYNC);
            controllers.runUntilIdle(100_000);
        }
        timer.advance(ServiceController.RESYNC);
        int reconciled = controllers.runUntilIdle(100_000);
        assertThat(reconciled).as("the full pass queued every service").isGreaterThanOrEqualTo(SERVICES);
        assertThat(store.writerStats().transactions()).as("no service needed anything, so none took the writer lock")
                .isEqualTo(before.transactions());
        assertThat(store.snapshot().version()).isEqualTo(version);

        // a write to another kind than tasks and services (here a new revision of the task definition) may change
        // what any service plans: the next resync, not a full pass, queues every service again
        store.write(tx -> tx.put(Kind.TASK_DEFINITION, ServiceFixtures.definition(ARNS.taskDefinition("web", 2),
                null)));
        timer.advance(ServiceController.RESYNC);
        assertThat(controllers.runUntilIdle(100_000)).as("every service, its inputs changed")
                .isGreaterThanOrEqualTo(SERVICES);
    }

    /** What an agent does for a task at once: its network, its container started, RUNNING, through the channel. */
    private void startEveryNewTask() {
        List<Task> provisioning = store.snapshot().all(Kind.TASK)
                .filter(t -> t.lastStatus() == TaskStatus.PROVISIONING && t.desiredStatus() == DesiredStatus.RUNNING)
                .toList();
        for (Task task : provisioning) {
            channel.report(TaskStateChange.of(task.taskArn()).status(TaskStatus.PENDING).build());
            TaskStateChange.Builder running = TaskStateChange.of(task.taskArn()).status(TaskStatus.RUNNING);
            for (TaskContainer container : task.containers()) {
                running.container(ContainerStateChange.started(container.name(), List.of()));
            }
            channel.report(running.build());
        }
    }

    private static boolean converged(Snapshot state) {
        List<Service> services = state.all(Kind.SERVICE).toList();
        return services.size() == SERVICES && services.stream().allMatch(s -> s.deployments().size() == 1
                && s.deployments().getFirst().rolloutState() == RolloutState.COMPLETED);
    }

    private static Service service(Cluster cluster, String name) {
        return new Service.Builder()
                .serviceArn(ARNS.service(cluster.clusterName(), name))
                .serviceName(name)
                .clusterArn(cluster.clusterArn())
                .status(ServiceStatus.ACTIVE)
                .desiredCount(TASKS_EACH)
                .launchType("FARGATE")
                .platformVersion("LATEST")
                .taskDefinition(FAMILY_ARN)
                .networkConfiguration(new NetworkConfiguration(
                        new NetworkConfiguration.AwsVpcConfiguration(List.of("subnet-1"), List.of(), null)))
                .deploymentConfiguration(DeploymentConfiguration.defaults())
                .healthCheckGracePeriodSeconds(0)
                .schedulingStrategy("REPLICA")
                .deploymentController("ECS")
                .propagateTags("NONE")
                .createdAt(cluster.createdAt())
                .build();
    }
}

package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The control plane killed with SIGKILL again and again in the middle of a mixed workload, on the simulated
 * runtime, whose containers die with the process: every task that was not stopped is lost at each kill. After
 * every restart no acknowledged write is lost, no task is duplicated, no service is throttled or fails a
 * deployment because of the restart, and every service is back at its desired count of RUNNING tasks with its
 * deployment COMPLETED within {@link #CONVERGENCE} of the server answering {@code GET /_ecsd/health}.
 *
 * <p>{@link #SEED} fixes the workload and where the kills fall; {@link #ITERATIONS} kill and restart cycles (about
 * ten seconds each on two cores, mostly the JVM starting) keep the test near a minute. To explore other
 * interleavings, change the seed: a failure names it.
 */
class ServiceRestartChaosIT {
    /** Fixes the operations, their arguments and after which of them the server dies. */
    private static final long SEED = 7_0008L;
    /** Kill and restart cycles. */
    private static final int ITERATIONS = 10;
    /** At most this many writes between two kills. */
    private static final int MAX_OPERATIONS_PER_ITERATION = 5;
    private static final int MAX_SERVICES = 6;
    private static final int MAX_CLUSTERS = 3;
    private static final Duration CONVERGENCE = Duration.ofSeconds(10);
    private static final String THROTTLED = "is unable to consistently start tasks successfully.";
    private static final String DEPLOYMENT_FAILED = "deployment failed";

    /** A service as the acknowledged writes left it. */
    private record ExpectedService(String cluster, String name, int desiredCount, String taskDefinition) {
        String key() {
            return cluster + "/" + name;
        }
    }

    private final Random random = new Random(SEED);
    private final Set<String> clusters = new LinkedHashSet<>();
    private final Set<String> taskDefinitions = new LinkedHashSet<>();
    private final Map<String, ExpectedService> services = new LinkedHashMap<>();
    /** For each service, the largest desired count it had since the last restart: what bounds its live tasks. */
    private final Map<String, Integer> peakDesired = new HashMap<>();
    /** Standalone tasks RunTask answered with, by ARN, with their cluster. */
    private final Map<String, String> standalone = new LinkedHashMap<>();
    private final Set<String> stoppedByUser = new LinkedHashSet<>();
    private final List<String> violations = new ArrayList<>();
    private String job;
    private int counter;

    @Test
    void everyServiceConvergesQuicklyAfterEachKill9AndNothingAcknowledgedIsLost() {
        try (ServerProcess server = ServerProcess.start("--runtime", "simulated")) {
            EcsClient ecs = server.ecs();
            createCluster(ecs);
            job = ServiceRequests.registerFargate(ecs, "job", "job:1");
            taskDefinitions.add(job);
            createService(ecs);
            List<Duration> convergence = new ArrayList<>();
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                int operations = 1 + random.nextInt(MAX_OPERATIONS_PER_ITERATION);
                for (int i = 0; i < operations; i++) {
                    operate(ecs);
                }
                server.kill9();
                server.restart();
                long healthy = System.nanoTime();
                ecs = server.ecs();
                EcsClient client = ecs;
                String what = "seed " + SEED + ", restart " + (iteration + 1) + ": every service at its desired count "
                        + "of RUNNING tasks, deployment COMPLETED";
                try {
                    await(what).atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200)).until(() -> converged(client));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError(e.getMessage() + "\n" + state(ecs) + "violations: " + violations, e);
                }
                convergence.add(Duration.ofNanos(System.nanoTime() - healthy));
                assertNothingAcknowledgedLost(ecs, iteration + 1);
                assertThat(violations).as("seed %d, restart %d", SEED, iteration + 1).isEmpty();
                services.values().forEach(s -> peakDesired.put(s.key(), s.desiredCount()));
            }
            System.out.println("ServiceRestartChaosIT (seed " + SEED + "): convergence after each restart "
                    + convergence.stream().map(d -> d.toMillis() + " ms").toList());
        }
    }

    // ---- the workload: every write the server acknowledged is recorded as expected state

    private void operate(EcsClient ecs) {
        int choice = random.nextInt(100);
        if (choice < 15 && clusters.size() < MAX_CLUSTERS) {
            createCluster(ecs);
        } else if (choice < 35 && services.size() < MAX_SERVICES) {
            createService(ecs);
        } else if (choice < 55) {
            scale(ecs);
        } else if (choice < 70) {
            deploy(ecs);
        } else if (choice < 85) {
            runTasks(ecs);
        } else {
            stopTask(ecs);
        }
    }

    private void createCluster(EcsClient ecs) {
        String name = "chaos-" + clusters.size();
        ecs.createCluster(r -> r.clusterName(name));
        clusters.add(name);
    }

    private void createService(EcsClient ecs) {
        String cluster = any(clusters);
        String name = "svc-" + (++counter);
        String taskDefinition = register(ecs, name);
        int desired = desiredCount();
        ecs.createService(ServiceRequests.fargateService(cluster, name, taskDefinition, desired).build());
        remember(new ExpectedService(cluster, name, desired, taskDefinition));
    }

    private void scale(EcsClient ecs) {
        ExpectedService service = any(services.values());
        int desired = desiredCount();
        ecs.updateService(r -> r.cluster(service.cluster()).service(service.name()).desiredCount(desired));
        remember(new ExpectedService(service.cluster(), service.name(), desired, service.taskDefinition()));
    }

    private void deploy(EcsClient ecs) {
        ExpectedService service = any(services.values());
        String taskDefinition = register(ecs, service.name());
        ecs.updateService(r -> r.cluster(service.cluster()).service(service.name()).taskDefinition(taskDefinition));
        remember(new ExpectedService(service.cluster(), service.name(), service.desiredCount(), taskDefinition));
    }

    private void runTasks(EcsClient ecs) {
        String cluster = any(clusters);
        int count = 1 + random.nextInt(2);
        RunTaskResponse response = ecs.runTask(r -> r.cluster(cluster).taskDefinition(job).count(count)
                .launchType(LaunchType.FARGATE).networkConfiguration(ServiceRequests.network()));
        assertThat(response.failures()).as("RunTask's failures").isEmpty();
        response.tasks().forEach(t -> standalone.put(t.taskArn(), cluster));
    }

    /** Stops a standalone task, or a task of a service, which the service then replaces. */
    private void stopTask(EcsClient ecs) {
        List<String> candidates = standalone.keySet().stream().filter(arn -> !stoppedByUser.contains(arn)).toList();
        if (!candidates.isEmpty() && random.nextBoolean()) {
            String arn = candidates.get(random.nextInt(candidates.size()));
            Task stopped = ecs.stopTask(r -> r.cluster(standalone.get(arn)).task(arn).reason("chaos")).task();
            if ("UserInitiated".equals(stopped.stopCodeAsString())) {
                stoppedByUser.add(arn); // not if it had stopped before, lost in an earlier kill
            }
            return;
        }
        ExpectedService service = any(services.values());
        List<String> running = ecs.listTasks(r -> r.cluster(service.cluster()).serviceName(service.name())
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
        if (!running.isEmpty()) {
            String arn = running.get(random.nextInt(running.size()));
            ecs.stopTask(r -> r.cluster(service.cluster()).task(arn));
        }
    }

    private String register(EcsClient ecs, String family) {
        String taskDefinition = ServiceRequests.registerFargate(ecs, family, "app:" + (++counter));
        taskDefinitions.add(taskDefinition);
        return taskDefinition;
    }

    private void remember(ExpectedService service) {
        services.put(service.key(), service);
        peakDesired.merge(service.key(), service.desiredCount(), Math::max);
    }

    private int desiredCount() {
        return 3 + random.nextInt(8);
    }

    private <T> T any(java.util.Collection<T> values) {
        List<T> list = List.copyOf(values);
        return list.get(random.nextInt(list.size()));
    }

    // ---- what must hold after each restart

    /** Whether every service has converged; records what must never be seen on the way. */
    private boolean converged(EcsClient ecs) {
        boolean converged = true;
        for (ExpectedService expected : services.values()) {
            Service service = ServiceRequests.describe(ecs, expected.cluster(), expected.name());
            for (String message : ServiceRequests.messages(service)) {
                if (message.contains(THROTTLED) || message.contains(DEPLOYMENT_FAILED)) {
                    violate(expected.key() + ": " + message);
                }
            }
            List<Task> live = ServiceRequests.tasks(ecs, expected.cluster(), expected.name()).stream()
                    .filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
            int bound = 2 * peakDesired.get(expected.key()); // maximumPercent 200 of the largest count asked for
            if (live.size() > bound) {
                violate(expected.key() + ": " + live.size() + " tasks to run, more than " + bound);
            }
            converged &= ServiceRequests.completedOn(service, expected.taskDefinition(), expected.desiredCount())
                    && live.size() == expected.desiredCount()
                    && live.stream().allMatch(t -> "RUNNING".equals(t.lastStatus())
                            && expected.taskDefinition().equals(t.taskDefinitionArn()));
        }
        return converged;
    }

    /** Each service as it is, for a failure message. */
    private String state(EcsClient ecs) {
        StringBuilder state = new StringBuilder();
        for (ExpectedService expected : services.values()) {
            Service service = ServiceRequests.describe(ecs, expected.cluster(), expected.name());
            state.append(expected).append(": desired ").append(service.desiredCount()).append(", running ")
                    .append(service.runningCount()).append(", pending ").append(service.pendingCount())
                    .append(", deployments ").append(service.deployments().stream().map(d -> d.rolloutStateAsString()
                            + " failedTasks=" + d.failedTasks() + " running=" + d.runningCount()).toList())
                    .append("\n  events ").append(ServiceRequests.messages(service).stream().limit(6).toList())
                    .append("\n  tasks (lastStatus/desiredStatus stopCode: stoppedReason) ")
                    .append((Object) ServiceRequests.tasks(ecs, expected.cluster(), expected.name()).stream()
                            .map(t -> t.lastStatus() + "/" + t.desiredStatus() + (t.stopCode() == null ? ""
                                    : " " + t.stopCodeAsString() + ": " + t.stoppedReason()))
                            .collect(Collectors.groupingBy(t -> t, TreeMap<String, Long>::new, Collectors.counting())))
                    .append('\n');
        }
        return state.toString();
    }

    private void violate(String what) {
        if (!violations.contains(what)) {
            violations.add(what);
        }
    }

    private void assertNothingAcknowledgedLost(EcsClient ecs, int restart) {
        String context = "seed " + SEED + ", restart " + restart;
        List<Cluster> described = ecs.describeClusters(r -> r.clusters(clusters)).clusters();
        assertThat(described).as(context).extracting(Cluster::clusterName).containsExactlyElementsOf(clusters);
        assertThat(described).as(context).extracting(Cluster::status).containsOnly("ACTIVE");
        for (String taskDefinition : taskDefinitions) {
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition()
                    .status().toString()).as("%s: %s", context, taskDefinition).isEqualTo("ACTIVE");
        }
        for (ExpectedService expected : services.values()) {
            Service service = ServiceRequests.describe(ecs, expected.cluster(), expected.name());
            assertThat(service.status()).as("%s: %s", context, expected.key()).isEqualTo("ACTIVE");
            assertThat(service.desiredCount()).as("%s: %s", context, expected.key()).isEqualTo(expected.desiredCount());
            assertThat(service.taskDefinition()).as("%s: %s", context, expected.key())
                    .isEqualTo(expected.taskDefinition());
        }
        // Standalone tasks: each one RunTask answered with is still known, a stopped one stopped as asked, and there is
        // no standalone task nobody ran.
        Map<String, Task> known = new HashMap<>();
        for (String cluster : clusters) {
            for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                List<String> arns = ecs.listTasksPaginator(r -> r.cluster(cluster).family("job").desiredStatus(status))
                        .taskArns().stream().toList();
                for (int i = 0; i < arns.size(); i += 100) {
                    List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
                    ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks()
                            .forEach(t -> known.put(t.taskArn(), t));
                }
            }
        }
        assertThat(known.keySet()).as("%s: standalone tasks", context).containsExactlyInAnyOrderElementsOf(
                standalone.keySet());
        for (String arn : stoppedByUser) {
            assertThat(known.get(arn).desiredStatus()).as("%s: %s", context, arn).isEqualTo("STOPPED");
            assertThat(known.get(arn).stopCodeAsString()).as("%s: %s", context, arn).isEqualTo("UserInitiated");
        }
    }
}

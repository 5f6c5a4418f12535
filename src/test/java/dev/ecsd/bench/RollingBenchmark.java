package dev.ecsd.bench;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How fast ecsd rolls a service of N running tasks (default 20) over to a new task definition revision beside
 * Docker Swarm's rolling update of N replicas on the same engine, in one run (issue 12, goal 2; not a test). The
 * limits match: Swarm updates {@code --update-parallelism N/4} tasks at a time, and
 * <ul>
 *   <li>{@code --update-order stop-first} (at least N - N/4 running, at most N) is ECS minimumHealthyPercent 75,
 *       maximumPercent 100;</li>
 *   <li>{@code --update-order start-first} (at least N, at most N + N/4) is ECS minimumHealthyPercent 100,
 *       maximumPercent 125.</li>
 * </ul>
 * The new revision differs from the old by one environment variable (REV) on both sides ({@code --env-add REV=2}
 * for Swarm); everything else of Swarm's update configuration is its default (delay 0, monitor 5 s, failure
 * action pause), as its users get it; a second Swarm update of a fresh service with {@code --update-monitor 1ms}
 * (column Swarm-m0) shows the rolling without the 5 s in which Swarm, after the last task, still watches the new
 * tasks for a failure before it calls the update completed (swarmkit's manager/orchestrator/update/updater.go).
 * With start-first, Swarm only orders the old tasks' shutdown before it moves on, so Swarm-m0 can report completed
 * while the last batch's old containers still run: that figure is a floor, not the same end point as ecsd's.
 * Timed from the request (UpdateService; the {@code docker service update --detach} command) until ecsd's service has one deployment, of the new revision, COMPLETED with N RUNNING (the
 * old tasks stopped), and until Swarm's UpdateStatus.State is completed, polled every 50 ms. Meanwhile a sampler
 * counts the app containers the engine runs every 100 ms (ecsd's and the default Swarm update's), and the table
 * says whether the range stayed within the limits. Swarm counts a task gone once its shutdown is ordered, so with
 * start-first its old containers still stopping overlap the next batch's new ones (seen: 30 running of 20 at
 * parallelism 5). ECS does the same by its documentation: its limits count tasks RUNNING or PENDING, and a task
 * being stopped is neither, so ecsd is judged by its service's tasks with desiredStatus RUNNING (sampled as often),
 * with its running containers shown beside.
 *
 * <p>Run with {@code ./run-benchmark rolling [tasks]}; Swarm is set up and torn down as in {@link StartBenchmark}.
 */
public final class RollingBenchmark {
    private record Pairing(String order, int minimumHealthy, int maximum) {
    }

    private record Row(Pairing pairing, double ecsd, RunningRange ecsdRange, RunningRange ecsdCounted, double swarm,
            RunningRange swarmRange, double swarmUnmonitored, double load) {
    }

    /** Swarm's update with no monitor period, so its figure is the rolling alone (see the class comment). */
    private static final List<String> NO_MONITOR = List.of("--update-monitor", "1ms");

    private static final List<Pairing> PAIRINGS = List.of(new Pairing("stop-first", 75, 100),
            new Pairing("start-first", 100, 125));

    private RollingBenchmark() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        if (tasks < 4 || tasks % 4 != 0) {
            throw new IllegalArgumentException("the task count is a multiple of 4 (parallelism N/4 matches ECS's "
                    + "75 and 125 percent exactly), not " + tasks);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.println("load average at start: " + Commands.loadAverage());
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker()) {
            String image = TestImages.busybox(docker);
            DockerRuns.removeAll(Workload.LABEL);
            EcsdSide ecsd = new EcsdSide(server);
            SwarmAnchor swarm = StartBenchmark.joinSwarm();
            try (Teardown teardown = Teardown.of(ecsd::removeLeftovers, () -> StartBenchmark.closeSwarm(swarm))) {
                String one = ecsd.register(image, "1");
                String two = ecsd.register(image, "2");
                List<Row> rows = new ArrayList<>();
                for (Pairing pairing : PAIRINGS) {
                    rows.add(roll(ecsd, swarm, image, one, two, tasks, pairing, run));
                }
                print(tasks, rows);
            }
        }
        System.out.println("load average at end: " + Commands.loadAverage());
    }

    private static Row roll(EcsdSide ecsd, SwarmAnchor swarm, String image, String one, String two, int tasks,
            Pairing pairing, String run) {
        double load = Commands.load();
        String service = "roll-" + pairing.order();
        double ecsdSeconds;
        RunningRange ecsdRange;
        RunningRange ecsdCounted;
        try {
            ecsd.start(service, one, tasks, pairing.minimumHealthy(), pairing.maximum());
            ecsd.awaitCompleted(service, one);
            RunningRange.Sampler sampler = RunningRange.sample(ecsd::runningAppContainers);
            RunningRange.Sampler counter = RunningRange.sample(() -> ecsd.countedTasks(service));
            try {
                ecsdSeconds = ecsd.roll(service, two);
            } finally {
                ecsdRange = sampler.stop();
                ecsdCounted = counter.stop();
            }
            System.out.printf("%necsd, %d/%d: where the rolling update's time went, by the new tasks' timestamps%n%s",
                    pairing.minimumHealthy(), pairing.maximum(), ecsd.phases(service));
        } finally {
            ecsd.remove(service);
        }
        if (swarm == null) {
            return new Row(pairing, ecsdSeconds, ecsdRange, ecsdCounted, Double.NaN, null, Double.NaN, load);
        }
        String name = "ecsd-bench-" + run + "-" + pairing.order();
        double swarmSeconds;
        RunningRange swarmRange;
        try {
            swarm.start(name, image, tasks, "1", List.of());
            RunningRange.Sampler sampler = RunningRange.sample(() -> SwarmAnchor.runningContainers(name));
            try {
                swarmSeconds = swarm.update(name, tasks / 4, pairing.order(), "2", List.of());
            } finally {
                swarmRange = sampler.stop();
            }
        } finally {
            swarm.remove(name);
        }
        double unmonitored;
        try {
            swarm.start(name, image, tasks, "1", List.of());
            unmonitored = swarm.update(name, tasks / 4, pairing.order(), "2", NO_MONITOR);
        } finally {
            swarm.remove(name);
        }
        return new Row(pairing, ecsdSeconds, ecsdRange, ecsdCounted, swarmSeconds, swarmRange, unmonitored, load);
    }

    private static void print(int tasks, List<Row> rows) {
        System.out.printf("%nrolling update of %d tasks at parallelism %d: seconds from the request to completion "
                + "(polled every %d ms); running = fewest..most app containers the engine ran (sampled every "
                + "100 ms)%n", tasks, tasks / 4, StartTimes.POLL.toMillis());
        System.out.printf("  %-12s %-9s %7s %7s %7s %8s %7s  %-16s %-16s %-16s %6s%n", "Swarm order", "ECS", "ecsd",
                "Swarm", "ratio", "Swarm-m0", "ratio", "ecsd's tasks", "running ecsd", "running Swarm", "load1");
        for (Row row : rows) {
            int floor = (int) Math.ceil(tasks * row.pairing().minimumHealthy() / 100.0);
            int ceiling = tasks * row.pairing().maximum() / 100;
            System.out.printf("  %-12s %-9s %7.2f %7.2f %7.2f %8.2f %7.2f  %-16s %-16s %-16s %6.2f%n",
                    row.pairing().order(), row.pairing().minimumHealthy() + "/" + row.pairing().maximum(), row.ecsd(),
                    row.swarm(), row.ecsd() / row.swarm(), row.swarmUnmonitored(),
                    row.ecsd() / row.swarmUnmonitored(), range(row.ecsdCounted(), floor, ceiling),
                    range(row.ecsdRange(), floor, ceiling),
                    range(row.swarmRange(), floor, ceiling), row.load());
        }
        System.out.println("  ECS = minimumHealthyPercent/maximumPercent; allowed running: stop-first "
                + (tasks - tasks / 4) + ".." + tasks + ", start-first " + tasks + ".." + (tasks + tasks / 4)
                + "; Swarm = its defaults (monitor 5 s), Swarm-m0 = --update-monitor 1ms (the rolling alone);"
                + " goal: ecsd / Swarm at most 1.0");
        System.out.println("  ecsd's tasks = its service's tasks with desiredStatus RUNNING, what its scheduler counts"
                + " against the limits (ECS: tasks RUNNING or PENDING; a task told to stop is neither, though its"
                + " container may still be running)");
    }

    private static String range(RunningRange range, int floor, int ceiling) {
        if (range == null) {
            return "-";
        }
        return range.min() + ".." + range.max() + (range.within(floor, ceiling) ? " ok" : " OUTSIDE");
    }
}

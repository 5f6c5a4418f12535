package dev.ecsd.bench;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * How fast ecsd starts tasks beside Docker Swarm and raw {@code docker run} on the same local engine, all in one
 * run (issue 12, goal 1; not a test): for each N (default 20 and 50) a CreateService of N busybox httpd tasks
 * (awsvpc, one container with a port mapping, as a user writes it), {@code docker service create --replicas N}
 * of the same image and command, and N {@code docker run -d} at once; each timed from the request to the first
 * task, half of them and all N running, by one poller every 50 ms (ecsd: the service's runningCount; Swarm: its
 * tasks in state running; docker run: the engine's running containers), each started on an engine holding none of
 * the others' containers; ecsd's tasks' own timestamps say where its time went. Before those, one task: RunTask
 * until DescribeTasks says RUNNING against one {@code docker run -d} until the engine says running, polled every
 * 20 ms, and until the time each system recorded (ECS's startedAt, the engine's State.StartedAt), the median of 5
 * after one warm-up (the first calls of a fresh JVM and CLI); the anchors' times include starting the {@code docker}
 * command, ecsd's an SDK call from this JVM, as each system's users pay them.
 *
 * <p>Run with {@code ./run-benchmark start [N...]}. The benchmark initialises a single-node swarm on 127.0.0.1 when
 * the engine is in none and leaves it at the end (see {@link SwarmAnchor} for its networking); when Swarm cannot
 * run, it says why and reports the other figures. Everything it creates is labelled and removed, on failure and
 * on SIGTERM or Ctrl-C too ({@link Teardown}).
 */
public final class StartBenchmark {
    private static final int REPEATS = 5;
    private static final Duration ONE_TASK_POLL = Duration.ofMillis(20);
    /** Three: one leaves the start path in cold, still-compiling code for the first measured rounds. */
    private static final int ONE_TASK_WARM_UPS = 3;
    /** DescribeTasks and ListTasks calls before the one-task rounds: the poll's request path then runs compiled. */
    private static final int REQUEST_WARM_UPS = 2_000;

    private record Row(int tasks, String system, StartTimes times, double load) {
    }

    private StartBenchmark() {
    }

    public static void main(String[] args) {
        // "one [repeats [slowPollMs]]": only the one-task comparison, repeated more to compare variants of the start
        // path; with slowPollMs, every other ecsd task is polled that slowly (see oneTask)
        boolean oneOnly = args.length > 0 && args[0].equals("one");
        int repeats = oneOnly && args.length > 1 ? Integer.parseInt(args[1]) : REPEATS;
        Duration slowPoll = oneOnly && args.length > 2 ? Duration.ofMillis(Long.parseLong(args[2])) : null;
        List<Integer> sizes = oneOnly ? List.of() : args.length == 0 ? List.of(20, 50)
                : Arrays.stream(args).map(Integer::parseInt).toList();
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.println("load average at start: " + Commands.loadAverage());
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker()) {
            String image = TestImages.busybox(docker);
            DockerRuns.removeAll(Workload.LABEL); // what an earlier run that died left behind
            EcsdSide ecsd = new EcsdSide(server);
            SwarmAnchor swarm = oneOnly ? null : joinSwarm();
            try (Teardown teardown = Teardown.of(ecsd::removeLeftovers, () -> DockerRuns.removeAll(Workload.LABEL),
                    () -> closeSwarm(swarm))) {
                String definition = ecsd.register(image, "1");
                oneTask(ecsd, definition, image, run, repeats, slowPoll);
                List<Row> rows = new ArrayList<>();
                for (int tasks : sizes) {
                    services(ecsd, swarm, definition, image, tasks, run, rows);
                }
                if (!rows.isEmpty()) {
                    print(rows);
                }
            }
        }
        System.out.println("load average at end: " + Commands.loadAverage());
    }

    static SwarmAnchor joinSwarm() {
        try {
            return SwarmAnchor.join();
        } catch (RuntimeException e) {
            System.out.println("Swarm cannot run on this engine, so no Swarm figures: " + e.getMessage());
            return null;
        }
    }

    static void closeSwarm(SwarmAnchor swarm) {
        if (swarm != null) {
            swarm.close();
        }
    }

    /**
     * One RunTask beside one docker run, {@code repeats} times after the warm-up. With {@code slowPoll}, every other
     * ecsd task is polled only that often, and those runs are reported apart, each beside the docker run of its own
     * round: the 20 ms poller (an SDK client and the server in this JVM) runs on the same 2 cores while the engine
     * starts the container; the recorded times of the slowly polled runs say what that costs the engine's start.
     * Both sides are polled from the moment they are asked (docker run's side while its command still runs).
     */
    private static void oneTask(EcsdSide ecsd, String definition, String image, String run, int repeats,
            Duration slowPoll) {
        List<OneStart> ours = new ArrayList<>();
        List<OneStart> theirs = new ArrayList<>();
        List<OneStart> oursSlow = new ArrayList<>();
        List<OneStart> theirsSlow = new ArrayList<>();
        ecsd.warmRequestPath(REQUEST_WARM_UPS);
        for (int i = 0; i < ONE_TASK_WARM_UPS + repeats; i++) {
            boolean slow = slowPoll != null && i % 2 == 1;
            OneStart ecsdStart = ecsd.runOne(definition, slow ? slowPoll : ONE_TASK_POLL);
            OneStart dockerStart = DockerRuns.startOne(image, run + "-one", ONE_TASK_POLL);
            DockerRuns.removeAll(Workload.LABEL + "=" + run + "-one");
            if (i >= ONE_TASK_WARM_UPS) {
                (slow ? oursSlow : ours).add(ecsdStart);
                (slow ? theirsSlow : theirs).add(dockerStart);
            }
        }
        if (slowPoll != null) {
            System.out.printf("%necsd polled every %d ms in every other round (%d rounds), load %.2f%n",
                    slowPoll.toMillis(), oursSlow.size(), Commands.load());
            System.out.println("  as each system recorded it: ECS's startedAt, the engine's State.StartedAt");
            oneTaskRows(oursSlow.stream().map(OneStart::recordedSeconds).toList(),
                    theirsSlow.stream().map(OneStart::recordedSeconds).toList());
        }
        System.out.printf("%none task: RunTask -> RUNNING beside docker run -d -> Running (median of %d after %d "
                + "warm-up rounds and %,d DescribeTasks + ListTasks calls), load %.2f%n", ours.size(),
                ONE_TASK_WARM_UPS, REQUEST_WARM_UPS, Commands.load());
        System.out.printf("  seen by a poller every %d ms from the request on (RunTask returns before the start, docker run -d after it)%n",
                ONE_TASK_POLL.toMillis());
        oneTaskRows(ours.stream().map(OneStart::polledSeconds).toList(),
                theirs.stream().map(OneStart::polledSeconds).toList());
        System.out.println("  as each system recorded it: ECS's startedAt, the engine's State.StartedAt");
        oneTaskRows(ours.stream().map(OneStart::recordedSeconds).toList(),
                theirs.stream().map(OneStart::recordedSeconds).toList());
    }

    private static void oneTaskRows(List<Double> ours, List<Double> theirs) {
        System.out.printf("    %-12s %6.3f s   runs %s%n", "ecsd", median(ours), figures(ours));
        System.out.printf("    %-12s %6.3f s   runs %s%n", "docker run", median(theirs), figures(theirs));
        System.out.printf("    ecsd / docker run  %.2f   (goal: at most 1.1)%n", median(ours) / median(theirs));
    }

    private static void services(EcsdSide ecsd, SwarmAnchor swarm, String definition, String image, int tasks,
            String run, List<Row> rows) {
        String service = "start-" + tasks;
        double load = Commands.load();
        try {
            rows.add(new Row(tasks, "ecsd", ecsd.start(service, definition, tasks, 100, 200), load));
            System.out.printf("%necsd, N = %d: where the time went, by the tasks' timestamps%n%s", tasks,
                    ecsd.phases(service));
        } finally {
            ecsd.remove(service);
        }
        if (swarm != null) {
            String name = "ecsd-bench-" + run + "-" + tasks;
            load = Commands.load();
            try {
                rows.add(new Row(tasks, "Swarm", swarm.start(name, image, tasks, "1", List.of()), load));
            } finally {
                swarm.remove(name);
            }
        }
        String label = run + "-" + tasks;
        load = Commands.load();
        try {
            rows.add(new Row(tasks, "docker run", DockerRuns.start(image, tasks, label), load));
        } finally {
            DockerRuns.removeAll(Workload.LABEL + "=" + label);
        }
    }

    private static void print(List<Row> rows) {
        System.out.printf("%nservice start: seconds from the request to the first, half and all N tasks running "
                + "(polled every %d ms); request = until the call or command returned%n", StartTimes.POLL.toMillis());
        System.out.printf("  %4s  %-17s %7s %7s %7s %8s %6s%n", "N", "system", "first", "half", "all", "request",
                "load1");
        for (Row row : rows) {
            System.out.printf("  %4d  %-17s %7.2f %7.2f %7.2f %8.2f %6.2f%n", row.tasks(), row.system(),
                    row.times().firstSeconds(), row.times().halfSeconds(), row.times().allSeconds(),
                    row.times().requestSeconds(), row.load());
            if (row.system().equals("docker run")) {
                ratio(rows, row.tasks(), "Swarm");
                ratio(rows, row.tasks(), "docker run");
            }
        }
        System.out.println("  (goal: ecsd / Swarm at most 0.9 at N = 20 and N = 50)");
    }

    private static void ratio(List<Row> rows, int tasks, String anchor) {
        StartTimes ours = find(rows, tasks, "ecsd");
        StartTimes theirs = find(rows, tasks, anchor);
        if (ours != null && theirs != null) {
            System.out.printf("  %4d  %-17s %7.2f %7.2f %7.2f%n", tasks, "ecsd / " + anchor,
                    ours.firstSeconds() / theirs.firstSeconds(), ours.halfSeconds() / theirs.halfSeconds(),
                    ours.allSeconds() / theirs.allSeconds());
        }
    }

    private static StartTimes find(List<Row> rows, int tasks, String system) {
        return rows.stream().filter(r -> r.tasks() == tasks && r.system().equals(system)).map(Row::times)
                .findFirst().orElse(null);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String figures(List<Double> values) {
        return values.stream().map(v -> String.format("%.3f", v)).toList().toString();
    }
}

package dev.ecsd.bench;

import dev.ecsd.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * The control plane at scale on the simulated runtime (not a test): a server in its own JVM with a 1 GiB heap
 * (unless {@code ECSD_BENCH_HEAP} says otherwise) is given S services of T FARGATE tasks each in one cluster, and
 * while the tasks converge to RUNNING a few client threads keep reading as a user would: DescribeServices of 10
 * services, ListTasks of one service page by page, DescribeTasks of 100 tasks. It prints the tasks RUNNING over
 * time, the time to converge, p50/p99/max of each read per phase (services being created, converging, steady), the
 * server's heap (after every GC from its GC log, and after a full GC at the end) and RSS, and the load average.
 *
 * <p>Run with {@code ./run-benchmark scale [services [tasksPerService]]} (default 1,000 × 100). The anchors are the
 * goal of issue 12 (p99 under 20 ms, heap under 1 GiB) and the figures before it: 1,000 tasks RUNNING in 7 s,
 * 5,000 in 40 s. {@code ECSD_BENCH_SERVER_JVM} adds JVM options to the server (e.g. a JFR recording, or
 * {@code -XX:+UseG1GC} in place of ./ecsd's ZGC);
 * {@code ECSD_BENCH_HISTOGRAM=N} prints the first N lines of its class histogram at the end.
 */
public final class ScaleBenchmark {
    private static final String CLUSTER = "scale";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);
    /** Longer than the agent's 10 s resync of a running task, so that its cost shows in the steady CPU. */
    private static final Duration STEADY = Duration.ofSeconds(30);
    /** Pause between one reader's calls: readers measure the tail, they are not a load test. */
    private static final Duration READER_PAUSE = Duration.ofMillis(20);
    private static final List<String> PHASES = List.of("create", "converge", "steady");
    private static final List<String> READS = List.of("DescribeServices(10)", "ListTasks(service, page)",
            "DescribeTasks(100)");

    private final EcsClient ecs;
    private final List<String> services = new ArrayList<>();
    private final Map<String, Latencies> latencies = new LinkedHashMap<>();
    private volatile String phase = PHASES.getFirst();
    private volatile boolean reading = true;
    private final AtomicReference<Throwable> readFailure = new AtomicReference<>();

    private ScaleBenchmark(EcsClient ecs) {
        this.ecs = ecs;
        for (String phase : PHASES) {
            for (String read : READS) {
                latencies.put(phase + " " + read, new Latencies());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int serviceCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perService = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String heap = System.getenv().getOrDefault("ECSD_BENCH_HEAP", "1g");
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        String extra = System.getenv("ECSD_BENCH_SERVER_JVM");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        // ECS's default quotas (5,000 services per cluster, 5,000 tasks per service) hold 1,000 x 100; raised
        // only when asked for more
        List<String> options = new ArrayList<>(List.of("--runtime", "simulated",
                "--quota", "services-per-cluster=" + Math.max(5000, serviceCount),
                "--quota", "tasks-per-service=" + Math.max(5000, perService)));
        System.out.printf("scale: %d services x %d FARGATE tasks = %d tasks, one cluster, simulated runtime; "
                + "server JVM %s (./ecsd's %s unless another collector is chosen); server options %s%n", serviceCount,
                perService, serviceCount * perService, BenchServer.jvmOptions(jvm), BenchServer.ECSD_DEFAULT_JVM,
                options);
        System.out.println("load average at start: " + loadAverage());
        try (BenchServer server = BenchServer.start(jvm, options);
                EcsClient ecs = TestServer.client(EcsClient.builder(), server.endpoint())) {
            System.out.println("server pid " + server.pid() + ", " + server.rss());
            new ScaleBenchmark(ecs).run(server, serviceCount, perService);
        }
        System.out.println("load average at end: " + loadAverage());
    }

    private void run(BenchServer server, int serviceCount, int perService) throws Exception {
        int total = serviceCount * perService;
        Duration timeout = Duration.ofSeconds(120 + total / 100);
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String definition = ecs.registerTaskDefinition(r -> r.family("scale")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app").image("registry.example/app:1")
                        .essential(true).build())).taskDefinition().taskDefinitionArn();
        // the readers need something to read from the start
        create(0, definition, perService);
        List<Thread> readers = List.of(reader(this::describeServices), reader(this::listTasks),
                reader(this::describeTasks));
        long start = System.nanoTime();
        try (ExecutorService creators = Executors.newFixedThreadPool(4)) {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 1; i < serviceCount; i++) {
                int index = i;
                created.add(creators.submit(() -> create(index, definition, perService)));
            }
            for (Future<?> future : created) {
                future.get();
            }
        }
        System.out.printf("%d services created in %.1f s; server CPU so far %.0f s%n", serviceCount, seconds(start),
                server.cpuSeconds());
        phase = PHASES.get(1);
        long deadline = start + timeout.toNanos();
        int running = 0;
        long converged = 0;
        while (System.nanoTime() < deadline && server.isAlive()) {
            Cluster cluster = ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().getFirst();
            running = cluster.runningTasksCount();
            System.out.printf("t=%6.1f s  running %7d  pending %7d  %s%n", seconds(start), running,
                    cluster.pendingTasksCount(), server.rss());
            if (running >= total) {
                converged = System.nanoTime();
                break;
            }
            Thread.sleep(SAMPLE_EVERY.toMillis());
        }
        if (converged != 0) {
            System.out.printf("CONVERGED: %d tasks RUNNING %.1f s after the first CreateService%n", total,
                    (converged - start) / 1e9);
            phase = PHASES.get(2);
            double cpuBefore = server.cpuSeconds();
            Thread.sleep(STEADY.toMillis());
            // what the control plane does when nothing changes, besides answering the readers
            System.out.printf("server CPU while steady: %.0f%% of one core%n",
                    100 * (server.cpuSeconds() - cpuBefore) / STEADY.toSeconds());
        } else {
            System.out.printf("NOT CONVERGED: %d of %d tasks RUNNING after %d s%s%n", running, total,
                    timeout.toSeconds(), server.isAlive() ? "" : " (the server exited: see below)");
        }
        reading = false;
        for (Thread reader : readers) {
            reader.join();
        }
        report(server);
    }

    private void report(BenchServer server) throws Exception {
        System.out.println("reads (a few client threads, one call each per " + READER_PAUSE.toMillis()
                + " ms; goal: p99 < 20 ms; before: DescribeServices p99 26-76 ms, DescribeTasks p99 86 ms):");
        latencies.forEach((name, samples) -> System.out.printf("  %-40s %s%n", name, samples.summary()));
        if (readFailure.get() != null) {
            System.out.println("a reader failed: " + readFailure.get());
        }
        if (!server.isAlive()) {
            List<String> log = Files.readAllLines(server.log());
            System.out.println("the server exited; the end of its log:");
            log.subList(Math.max(0, log.size() - 20), log.size()).forEach(System.out::println);
            return;
        }
        System.out.println("server heap: " + server.heapFromGcLog());
        System.out.println("server heap after a full GC: " + server.heapAfterFullGc() + "; " + server.rss());
        if (System.getenv("ECSD_BENCH_HISTOGRAM") != null) {
            System.out.println(server.classHistogram(Integer.parseInt(System.getenv("ECSD_BENCH_HISTOGRAM"))));
        }
    }

    private void create(int index, String definition, int desired) {
        String name = String.format("svc-%04d", index);
        ecs.createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(definition).desiredCount(desired)
                .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets("subnet-12345678").securityGroups("sg-12345678").assignPublicIp("DISABLED"))));
        synchronized (services) {
            services.add(name);
        }
    }

    private Thread reader(Runnable read) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (reading) {
                try {
                    read.run();
                    Thread.sleep(READER_PAUSE.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    readFailure.compareAndSet(null, e);
                }
            }
        });
    }

    private void describeServices() {
        List<String> names = randomServices(10);
        timed("DescribeServices(10)", () -> ecs.describeServices(r -> r.cluster(CLUSTER).services(names)));
    }

    private void listTasks() {
        String service = randomServices(1).getFirst();
        String token = null;
        do {
            String next = token;
            ListTasksResponse page = timed("ListTasks(service, page)", () -> ecs.listTasks(r -> r.cluster(CLUSTER)
                    .serviceName(service).nextToken(next)));
            token = page.nextToken();
        } while (token != null && reading);
    }

    private void describeTasks() {
        String service = randomServices(1).getFirst();
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName(service).maxResults(100)).taskArns();
        if (!arns.isEmpty()) {
            timed("DescribeTasks(100)", () -> ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)));
        }
    }

    private List<String> randomServices(int count) {
        List<String> chosen = new ArrayList<>();
        synchronized (services) {
            for (int i = 0; i < count; i++) {
                chosen.add(services.get(ThreadLocalRandom.current().nextInt(services.size())));
            }
        }
        return chosen.stream().distinct().toList();
    }

    private <T> T timed(String read, Supplier<T> call) {
        String at = phase;
        long began = System.nanoTime();
        T result = call.get();
        latencies.get(at + " " + read).add(System.nanoTime() - began);
        return result;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }
}

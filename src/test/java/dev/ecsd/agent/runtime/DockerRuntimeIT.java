package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.ecsd.agent.runtime.ContainerRuntime.ContainerEvent;
import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RequiresDocker
class DockerRuntimeIT {
    private static final String RUN_LABEL = "ecsd-test.run";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static DockerRuntime runtime;
    private static String busybox;
    private static final ConcurrentLinkedQueue<ContainerEvent> EVENTS = new ConcurrentLinkedQueue<>();
    private final List<String> volumes = new ArrayList<>();

    @BeforeAll
    static void connect() {
        runtime = DockerRuntime.fromEnvironment();
        busybox = TestImages.busybox(runtime);
        runtime.subscribe(EVENTS::add);
    }

    @AfterEach
    void removeWhatThisTestMade() {
        for (ContainerObservation container : runtime.listContainers(Map.of(RUN_LABEL, RUN))) {
            runtime.removeContainer(container.id());
        }
        volumes.forEach(runtime::removeVolume);
    }

    @AfterAll
    static void disconnect() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static SpecBuilder container(String purpose) {
        return new SpecBuilder("ecsd-it-" + RUN + "-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 4),
                busybox).label(RUN_LABEL, RUN);
    }

    private static String run(SpecBuilder spec) {
        String id = runtime.createContainer(spec.build());
        runtime.startContainer(id);
        return id;
    }

    private static ContainerObservation awaitExit(String id) {
        await().atMost(PATIENCE).until(() -> runtime.inspect(id).orElseThrow().hasExited());
        return runtime.inspect(id).orElseThrow();
    }

    @Test
    void createsStartsInspectsAndStopsAContainerThatHonoursSigterm() {
        SpecBuilder spec = container("lifecycle").shell("trap 'exit 0' TERM; sleep 1000 & wait").label("purpose", "lifecycle");
        long began = System.nanoTime();
        String id = runtime.createContainer(spec.build());
        long created = System.nanoTime();
        runtime.startContainer(id);
        long started = System.nanoTime();
        System.out.printf("create %d ms, start %d ms%n", (created - began) / 1_000_000, (started - created) / 1_000_000);

        ContainerObservation running = runtime.inspect(id).orElseThrow();
        assertThat(running.state()).isEqualTo(ContainerObservation.State.RUNNING);
        assertThat(running.name()).isEqualTo(spec.name);
        assertThat(running.labels()).containsEntry("purpose", "lifecycle").containsEntry(RUN_LABEL, RUN);
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.finishedAt()).isNull();
        assertThat(running.exitCode()).isNull();
        assertThat(running.ipAddress()).isNotBlank();
        assertThat(running.health()).isEqualTo(ContainerObservation.Health.NONE);

        long stopping = System.nanoTime();
        runtime.stopContainer(id, Duration.ofSeconds(20));
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);
        System.out.printf("stop honouring SIGTERM %d ms%n", stopTook.toMillis());

        ContainerObservation stopped = runtime.inspect(id).orElseThrow();
        assertThat(stopTook).isLessThan(Duration.ofSeconds(10));
        assertThat(stopped.state()).isEqualTo(ContainerObservation.State.EXITED);
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.oomKilled()).isFalse();
        assertThat(stopped.finishedAt()).isAfterOrEqualTo(stopped.startedAt());
    }

    @Test
    void killsAContainerThatIgnoresSigtermOnceTheTimeoutHasPassed() {
        String id = run(container("stubborn").shell("trap '' TERM; while true; do sleep 1; done"));
        long stopping = System.nanoTime();
        runtime.stopContainer(id, Duration.ofSeconds(2));
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

        ContainerObservation stopped = runtime.inspect(id).orElseThrow();
        assertThat(stopTook).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(15));
        assertThat(stopped.exitCode()).isEqualTo(137);
        assertThat(stopped.oomKilled()).isFalse();
    }

    @Test
    void reportsTheExitCode() {
        String id = run(container("exit").shell("exit 3"));
        ContainerObservation exited = awaitExit(id);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.error()).isNull();
    }

    @Test
    void reportsAnOutOfMemoryKill() {
        String id = run(container("oom").memoryLimit(16L * 1024 * 1024).shell("x=a; while true; do x=$x$x; done"));
        ContainerObservation killed = awaitExit(id);
        assertThat(killed.oomKilled()).isTrue();
        assertThat(killed.exitCode()).isEqualTo(137);
        await().atMost(PATIENCE).until(() -> EVENTS.contains(new ContainerEvent(id, ContainerEvent.Type.OOM)));
    }

    @Test
    void publishesAPortOnLoopbackThatServesHttp() throws Exception {
        String id = run(container("httpd").port(8080)
                .shell("mkdir -p /www && echo hello from busybox > /www/index.html && exec httpd -f -p 8080 -h /www"));
        ContainerObservation running = runtime.inspect(id).orElseThrow();
        assertThat(running.ports()).hasSize(1);
        ContainerObservation.PortBinding binding = running.ports().getFirst();
        assertThat(binding.containerPort()).isEqualTo(8080);
        assertThat(binding.protocol()).isEqualTo("tcp");
        assertThat(binding.hostIp()).isEqualTo("127.0.0.1");
        assertThat(binding.hostPort()).isPositive();

        assertThat(LocalHttp.awaitBody(binding.hostPort(), PATIENCE)).isEqualTo("hello from busybox\n");
    }

    @Test
    void reportsHealthyAndUnhealthyContainers() {
        String healthy = run(container("healthy").shell("sleep 1000").healthCheck("true", Duration.ofMillis(500), 1));
        String unhealthy = run(container("unhealthy").shell("sleep 1000").healthCheck("false", Duration.ofMillis(500), 1));

        assertThat(runtime.inspect(healthy).orElseThrow().health())
                .isIn(ContainerObservation.Health.STARTING, ContainerObservation.Health.HEALTHY);
        await().atMost(PATIENCE).until(() -> runtime.inspect(healthy).orElseThrow().health() == ContainerObservation.Health.HEALTHY);
        await().atMost(PATIENCE).until(() -> runtime.inspect(unhealthy).orElseThrow().health() == ContainerObservation.Health.UNHEALTHY);
        await().atMost(PATIENCE).until(() -> EVENTS.contains(new ContainerEvent(healthy, ContainerEvent.Type.HEALTH))
                && EVENTS.contains(new ContainerEvent(unhealthy, ContainerEvent.Type.HEALTH)));
    }

    @Test
    void containersJoinedToThePauseContainerShareItsNetwork() {
        String pause = run(container("pause").image(runtime.pauseImage()).port(8080));
        assertThat(runtime.inspect(pause).orElseThrow().isRunning()).isTrue();
        String server = run(container("server").network(ContainerSpec.Network.joining(pause))
                .shell("mkdir -p /www && echo shared > /www/index.html && exec httpd -f -p 8080 -h /www"));
        String client = run(container("client").network(ContainerSpec.Network.joining(pause))
                .shell("until wget -q -O - http://127.0.0.1:8080/; do sleep 0.2; done"));

        assertThat(awaitExit(client).exitCode()).isZero();
        assertThat(logs(client)).extracting(LogLine::message).containsExactly("shared");
        int hostPort = runtime.inspect(pause).orElseThrow().ports().getFirst().hostPort();
        assertThat(LocalHttp.awaitBody(hostPort, PATIENCE)).isEqualTo("shared\n");
        assertThat(runtime.inspect(server).orElseThrow().isRunning()).isTrue();
        assertThat(runtime.inspect(pause).orElseThrow().isRunning()).isTrue();
    }

    @Test
    void thePauseContainerRunsUntilStoppedAndStopsAtOnce() {
        String pause = run(container("pause-alone").image(runtime.pauseImage()).network(ContainerSpec.Network.none()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> runtime.inspect(pause).orElseThrow().isRunning());
        long stopping = System.nanoTime();
        runtime.stopContainer(pause, Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        assertThat(runtime.inspect(pause).orElseThrow().exitCode()).isZero();

        String killed = run(container("pause-killed").image(runtime.pauseImage()).network(ContainerSpec.Network.none()));
        runtime.removeContainer(killed); // forced removal is SIGKILL
        assertThat(runtime.inspect(killed)).isEmpty();
    }

    @Test
    void followsStdoutAndStderrWithTimestampsUntilTheContainerStops() {
        Instant before = Instant.now().minusSeconds(1);
        // pauses between lines: the engine copies stdout and stderr separately, so lines written at once may swap
        String id = run(container("logs").shell("echo out1; sleep 0.3; echo err1 >&2; sleep 1; echo out2; sleep 1"));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        ContainerRuntime.LogFollower follower = runtime.followLogs(id, null, lines::add);
        await().atMost(PATIENCE).until(follower::isDone);

        assertThat(lines).extracting(LogLine::stream, LogLine::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("stdout", "out1"),
                org.assertj.core.groups.Tuple.tuple("stderr", "err1"),
                org.assertj.core.groups.Tuple.tuple("stdout", "out2"));
        assertThat(lines).allSatisfy(line -> assertThat(line.timestamp()).isAfter(before).isBefore(Instant.now()));

        Instant third = lines.get(2).timestamp();
        List<LogLine> fromThird = logsSince(id, third);
        assertThat(fromThird).extracting(LogLine::message).containsExactly("out2");
    }

    private static List<LogLine> logs(String id) {
        return logsSince(id, null);
    }

    private static List<LogLine> logsSince(String id, Instant since) {
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        try (ContainerRuntime.LogFollower follower = runtime.followLogs(id, since, lines::add)) {
            await().atMost(PATIENCE).until(follower::isDone);
        }
        return lines;
    }

    @Test
    void closingAFollowerStopsFollowingARunningContainer() {
        String id = run(container("chatty").shell("while true; do echo tick; sleep 0.1; done"));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        ContainerRuntime.LogFollower follower = runtime.followLogs(id, null, lines::add);
        await().atMost(PATIENCE).until(() -> lines.size() >= 3);
        follower.close();
        assertThat(follower.isDone()).isTrue();
        assertThat(runtime.operationsInFlight()).isZero();
    }

    @Test
    void deliversStartExitAndDestroyEvents() {
        String id = run(container("events").shell("exit 2"));
        await().atMost(PATIENCE).until(() -> EVENTS.contains(new ContainerEvent(id, ContainerEvent.Type.START))
                && EVENTS.contains(new ContainerEvent(id, ContainerEvent.Type.EXIT)));
        runtime.removeContainer(id);
        await().atMost(PATIENCE).until(() -> EVENTS.contains(new ContainerEvent(id, ContainerEvent.Type.DESTROY)));
    }

    @Test
    void listsContainersInEveryStateByLabel() {
        String group = UUID.randomUUID().toString();
        String created = runtime.createContainer(container("listed-created").label("group", group).shell("true").build());
        String exited = run(container("listed-exited").label("group", group).shell("true"));
        runtime.createContainer(container("other").label("group", "not-" + group).shell("true").build());
        awaitExit(exited);

        assertThat(runtime.listContainers(Map.of(RUN_LABEL, RUN, "group", group)))
                .extracting(ContainerObservation::id, ContainerObservation::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(created, ContainerObservation.State.CREATED),
                        org.assertj.core.groups.Tuple.tuple(exited, ContainerObservation.State.EXITED));
    }

    @Test
    void aMissingContainerIsEmptyToInspectAndNothingToRemove() {
        String missing = "ecsd-it-missing-" + UUID.randomUUID();
        assertThat(runtime.inspect(missing)).isEmpty();
        runtime.removeContainer(missing);
        assertThatThrownBy(() -> runtime.startContainer(missing))
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.NOT_FOUND));
        assertThat(runtime.stats(missing)).isEmpty();
    }

    @Test
    void aPullOfAnImageNoRegistryHasFailsFastWithTheEnginesMessage() {
        assertThat(runtime.hasImage("ecsd-test/does-not-exist:1")).isFalse();
        long began = System.nanoTime();
        assertThatThrownBy(() -> runtime.pullImage("ecsd-test/does-not-exist:1"))
                .isInstanceOfSatisfying(RuntimeFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(RuntimeFailure.Kind.PULL);
                    assertThat(failure.getMessage()).isNotBlank().doesNotStartWith("Status");
                    System.out.println("pull failed with: " + failure.getMessage());
                });
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        System.out.printf("failed pull %d ms%n", took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anUnreachableEngineIsUnavailableAtOnce() {
        URI bogus = URI.create("unix:///tmp/ecsd-no-such-dir-" + RUN + "/docker.sock");
        try (DockerRuntime nowhere = new DockerRuntime(DockerRuntime.Options.fromEnvironment().withHost(bogus))) {
            long began = System.nanoTime();
            assertThatThrownBy(nowhere::ping).isInstanceOfSatisfying(RuntimeFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(RuntimeFailure.Kind.UNAVAILABLE);
                assertThat(failure.getMessage()).contains(bogus.toString());
            });
            assertThatThrownBy(() -> nowhere.inspect("x")).isInstanceOf(RuntimeFailure.class);
            nowhere.subscribe(event -> { }); // returns at once, and keeps retrying in the background
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void boundsTheEngineOperationsInFlight() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(run(container("parallel-" + i).shell("sleep 1000")));
        }
        runtime.resetPeakOperations();
        long began = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
            List<Future<?>> removals = new ArrayList<>();
            ids.forEach(id -> removals.add(threads.submit(() -> runtime.removeContainer(id))));
            for (Future<?> removal : removals) {
                removal.get();
            }
        }
        System.out.printf("12 parallel removals of running containers %d ms, peak in flight %d%n",
                (System.nanoTime() - began) / 1_000_000, runtime.peakOperationsInFlight());
        assertThat(runtime.peakOperationsInFlight()).isBetween(2, runtime.options().maxConcurrentOperations());
        assertThat(ids).allSatisfy(id -> assertThat(runtime.inspect(id)).isEmpty());
    }

    @Test
    void samplesCpuAndMemoryOfARunningContainer() {
        String id = run(container("busy").shell("while true; do :; done"));
        Optional<ContainerRuntime.ContainerStats> stats = runtime.stats(id);
        assertThat(stats).isPresent();
        assertThat(stats.get().cpuPercentOfOneCore()).isGreaterThan(5.0); // a busy loop; low bound: the machine is shared
        assertThat(stats.get().memoryBytes()).isPositive();
        runtime.stopContainer(id, Duration.ofSeconds(1));
        assertThat(runtime.stats(id)).isEmpty();
    }

    @Test
    void createsNamedVolumesIdempotentlyAndMountsThem() {
        String volume = "ecsd-it-" + RUN + "-data";
        volumes.add(volume);
        ContainerRuntime.VolumeSpec spec = new ContainerRuntime.VolumeSpec(volume, "local", Map.of(), Map.of(RUN_LABEL, RUN));
        runtime.ensureVolume(spec);
        runtime.ensureVolume(spec);
        assertThat(runtime.hasVolume(volume)).isTrue();

        SpecBuilder writer = container("writer").shell("echo kept > /data/file");
        writer.mounts.add(new ContainerSpec.Mount(ContainerSpec.Mount.Type.VOLUME, volume, "/data", false));
        assertThat(awaitExit(run(writer)).exitCode()).isZero();
        SpecBuilder reader = container("reader").shell("cat /data/file");
        reader.mounts.add(new ContainerSpec.Mount(ContainerSpec.Mount.Type.VOLUME, volume, "/data", true));
        String readerId = run(reader);
        awaitExit(readerId);
        assertThat(logs(readerId)).extracting(LogLine::message).containsExactly("kept");

        removeWhatThisTestMade();
        runtime.removeVolume(volume);
        assertThat(runtime.hasVolume(volume)).isFalse();
    }

    @Test
    void mapsEveryFieldOfTheSpec() throws Exception {
        java.nio.file.Path hostDirectory = java.nio.file.Files.createTempDirectory("ecsd-it-bind");
        java.nio.file.Files.writeString(hostDirectory.resolve("greeting"), "from the host");
        java.nio.file.Files.setPosixFilePermissions(hostDirectory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(hostDirectory.resolve("greeting"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        SpecBuilder spec = container("fields").shell(
                "echo env=$GREETING; echo pwd=$(pwd); echo uid=$(id -u); echo host=$(hostname); "
                        + "echo extra=$(grep -c 'db.internal' /etc/hosts); echo nofile=$(ulimit -n); "
                        + "touch /x 2>/dev/null && echo rootfs=rw || echo rootfs=ro; echo bind=$(cat /host/greeting)");
        spec.environment.put("GREETING", "hi");
        spec.workingDirectory = "/tmp";
        spec.user = "65534";
        spec.hostname = "fieldhost";
        spec.extraHosts.add("db.internal:10.1.2.3");
        spec.ulimits.add(new ContainerSpec.Ulimit("nofile", 512, 1024));
        spec.readonlyRootFilesystem = true;
        spec.mounts.add(new ContainerSpec.Mount(ContainerSpec.Mount.Type.BIND, hostDirectory.toString(), "/host", true));
        spec.memoryLimitBytes = 64L * 1024 * 1024;
        spec.memoryReservationBytes = 32L * 1024 * 1024;
        spec.cpuShares = 256;
        spec.nanoCpus = 500_000_000L;
        spec.initProcess = true;
        spec.stopTimeout = Duration.ofSeconds(7);
        spec.healthCheck = new ContainerSpec.HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(3),
                Duration.ofSeconds(2), 4, Duration.ofSeconds(1));
        String id = run(spec);
        awaitExit(id);

        java.nio.file.Files.delete(hostDirectory.resolve("greeting"));
        java.nio.file.Files.delete(hostDirectory);
        assertThat(logs(id)).extracting(LogLine::message).containsExactly(
                "env=hi", "pwd=/tmp", "uid=65534", "host=fieldhost", "extra=1", "nofile=512", "rootfs=ro",
                "bind=from the host");
        InspectContainerResponse inspected = runtime.client().inspectContainerCmd(id).exec();
        assertThat(inspected.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(inspected.getHostConfig().getMemoryReservation()).isEqualTo(32L * 1024 * 1024);
        assertThat(inspected.getHostConfig().getCpuShares()).isEqualTo(256);
        assertThat(inspected.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(inspected.getHostConfig().getInit()).isTrue();
        assertThat(inspected.getHostConfig().getPrivileged()).isFalse();
        assertThat(inspected.getHostConfig().getLogConfig().getType().getType()).isEqualTo("json-file");
        assertThat(rawInspect(id).path("Config").path("StopTimeout").asInt()).isEqualTo(7);
        assertThat(inspected.getConfig().getHealthcheck().getTest()).containsExactly("CMD", "true");
        assertThat(inspected.getConfig().getHealthcheck().getInterval()).isEqualTo(3_000_000_000L);
        assertThat(inspected.getConfig().getHealthcheck().getTimeout()).isEqualTo(2_000_000_000L);
        assertThat(inspected.getConfig().getHealthcheck().getRetries()).isEqualTo(4);
        assertThat(inspected.getConfig().getHealthcheck().getStartPeriod()).isEqualTo(1_000_000_000L);
    }

    /** The engine's own inspect document, for fields docker-java's model does not read. */
    private static com.fasterxml.jackson.databind.JsonNode rawInspect(String id) throws Exception {
        var request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
                .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.GET)
                .path("/containers/" + id + "/json").build();
        try (var response = new EngineHttpClient(runtime.options().host()).execute(request)) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody());
        }
    }

    @Test
    void asksForPrivilegedContainersOnTheHostNetwork() {
        SpecBuilder spec = container("privileged").network(ContainerSpec.Network.host()).shell("true");
        spec.privileged = true;
        // created only: some sandboxed engines (this one among them) cannot start privileged containers
        String id = runtime.createContainer(spec.build());
        InspectContainerResponse inspected = runtime.client().inspectContainerCmd(id).exec();
        assertThat(inspected.getHostConfig().getPrivileged()).isTrue();
        assertThat(inspected.getHostConfig().getNetworkMode()).isEqualTo("host");
    }
}

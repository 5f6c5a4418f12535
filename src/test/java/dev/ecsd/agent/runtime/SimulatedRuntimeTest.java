package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.ContainerObservation.Health;
import dev.ecsd.agent.runtime.ContainerObservation.State;
import dev.ecsd.agent.runtime.ContainerRuntime.ContainerEvent;
import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import dev.ecsd.testing.VirtualTimer;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(60)
class SimulatedRuntimeTest {
    private static final String APP = "example/app:1";

    private final VirtualTimer clock = new VirtualTimer();
    private final SimulatedRuntime runtime = new SimulatedRuntime(clock).addImage(APP);
    private final List<ContainerEvent> events = new CopyOnWriteArrayList<>();

    {
        runtime.subscribe(events::add);
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private String run(SpecBuilder spec) {
        String id = runtime.createContainer(spec.build());
        runtime.startContainer(id);
        return id;
    }

    private static SpecBuilder app(String name) {
        return new SpecBuilder(name, APP);
    }

    private ContainerObservation inspect(String id) {
        return runtime.inspect(id).orElseThrow();
    }

    @Test
    void aContainerRunsForItsDurationThenExitsWithItsCode() {
        runtime.whenImage(APP, SimulatedBehaviour.exitsAfter(Duration.ofSeconds(10), 3));
        Instant start = clock.instant();
        String id = run(app("short"));
        assertThat(inspect(id).state()).isEqualTo(State.RUNNING);
        assertThat(inspect(id).startedAt()).isEqualTo(start);

        clock.advance(Duration.ofSeconds(9));
        assertThat(inspect(id).state()).isEqualTo(State.RUNNING);
        clock.advance(Duration.ofSeconds(1));

        ContainerObservation exited = inspect(id);
        assertThat(exited.state()).isEqualTo(State.EXITED);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.finishedAt()).isEqualTo(start.plusSeconds(10));
        assertThat(events).containsExactly(new ContainerEvent(id, ContainerEvent.Type.START),
                new ContainerEvent(id, ContainerEvent.Type.EXIT));
    }

    @Test
    void aStopIsHonouredAtOnceByDefault() {
        String id = run(app("forever"));
        clock.advance(Duration.ofDays(1));
        assertThat(inspect(id).isRunning()).isTrue();

        runtime.stopContainer(id, Duration.ofSeconds(30));
        assertThat(inspect(id).exitCode()).isEqualTo(143);
        assertThat(inspect(id).finishedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aContainerIgnoringSigtermIsKilledAtTheStopTimeout() throws Exception {
        runtime.whenImage(APP, SimulatedBehaviour.runsForever().ignoringSigterm());
        String id = run(app("stubborn"));
        Instant stopAt = clock.instant();
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> runtime.stopContainer(id, Duration.ofSeconds(30)));
        await().until(() -> runtime.callsWaitingForTime() == 1);

        clock.advance(Duration.ofSeconds(29));
        assertThat(stop).isNotDone();
        assertThat(inspect(id).isRunning()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        stop.get();

        assertThat(inspect(id).exitCode()).isEqualTo(137);
        assertThat(inspect(id).finishedAt()).isEqualTo(stopAt.plusSeconds(30));
    }

    @Test
    void startingTakesTheStartDelay() throws Exception {
        runtime.whenImage(APP, SimulatedBehaviour.runsForever().withStartDelay(Duration.ofSeconds(5)));
        String id = runtime.createContainer(app("slow").build());
        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> runtime.startContainer(id));

        await().until(() -> runtime.callsWaitingForTime() == 1);
        assertThat(inspect(id).state()).isEqualTo(State.CREATED);
        clock.advance(Duration.ofSeconds(4));
        assertThat(start).isNotDone();
        clock.advance(Duration.ofSeconds(1));
        start.get();
        assertThat(inspect(id).state()).isEqualTo(State.RUNNING);
        assertThat(events).containsExactly(new ContainerEvent(id, ContainerEvent.Type.START));
    }

    @Test
    void pullsSucceedUnlessConfiguredToFail() {
        runtime.failPull("example/missing:1", "pull access denied for example/missing");
        assertThat(runtime.hasImage("example/other:1")).isFalse();
        runtime.pullImage("example/other:1");
        assertThat(runtime.hasImage("example/other:1")).isTrue();

        assertThatThrownBy(() -> runtime.pullImage("example/missing:1"))
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.PULL);
                    assertThat(f).hasMessage("pull access denied for example/missing");
                });
        assertThatThrownBy(() -> runtime.createContainer(new SpecBuilder("x", "example/missing:1").build()))
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.NOT_FOUND));
    }

    @Test
    void anOutOfMemoryKillReportsOomThenExit() {
        runtime.whenImage(APP, SimulatedBehaviour.runsForever().withOutOfMemoryAfter(Duration.ofSeconds(5)));
        String id = run(app("hungry"));
        clock.advance(Duration.ofSeconds(5));

        assertThat(inspect(id).oomKilled()).isTrue();
        assertThat(inspect(id).exitCode()).isEqualTo(137);
        assertThat(events).containsExactly(new ContainerEvent(id, ContainerEvent.Type.START),
                new ContainerEvent(id, ContainerEvent.Type.OOM), new ContainerEvent(id, ContainerEvent.Type.EXIT));
    }

    @Test
    void aStartFailureLeavesTheContainerExitedWithTheError() {
        runtime.whenImage(APP, SimulatedBehaviour.runsForever().withStartFailure("exec: \"nope\": executable file not found"));
        String id = runtime.createContainer(app("broken").build());
        assertThatThrownBy(() -> runtime.startContainer(id)).isInstanceOf(RuntimeFailure.class).hasMessageContaining("nope");
        assertThat(inspect(id).exitCode()).isEqualTo(127);
        assertThat(inspect(id).error()).contains("nope");
    }

    @Test
    void healthFollowsTheSpecsIntervalOrAConfiguredSequence() {
        String plain = run(app("plain"));
        String checked = run(app("checked").healthCheck("true", Duration.ofSeconds(10), 3));
        assertThat(inspect(plain).health()).isEqualTo(Health.NONE);
        assertThat(inspect(checked).health()).isEqualTo(Health.STARTING);
        clock.advance(Duration.ofSeconds(10));
        assertThat(inspect(checked).health()).isEqualTo(Health.HEALTHY);

        runtime.whenImage(APP, SimulatedBehaviour.runsForever()
                .withHealth(Duration.ofSeconds(2), Health.STARTING, Health.HEALTHY, Health.UNHEALTHY));
        String flaky = run(app("flaky").healthCheck("true", Duration.ofSeconds(10), 3));
        events.clear();
        clock.advance(Duration.ofSeconds(2));
        assertThat(inspect(flaky).health()).isEqualTo(Health.HEALTHY);
        clock.advance(Duration.ofSeconds(2));
        assertThat(inspect(flaky).health()).isEqualTo(Health.UNHEALTHY);
        clock.advance(Duration.ofHours(1));
        assertThat(inspect(flaky).health()).isEqualTo(Health.UNHEALTHY);
        assertThat(events).containsExactly(new ContainerEvent(flaky, ContainerEvent.Type.HEALTH),
                new ContainerEvent(flaky, ContainerEvent.Type.HEALTH));
    }

    @Test
    void dynamicHostPortsCountUpAndFixedOnesAreKept() {
        String first = run(app("first").port(80));
        SpecBuilder fixed = app("fixed");
        fixed.ports.add(new ContainerSpec.Port(8080, "tcp", "127.0.0.1", 9000));
        String second = run(fixed.port(81));

        assertThat(inspect(first).ports()).containsExactly(new ContainerObservation.PortBinding(80, "tcp", "127.0.0.1", 32768));
        assertThat(inspect(second).ports()).containsExactly(
                new ContainerObservation.PortBinding(8080, "tcp", "127.0.0.1", 9000),
                new ContainerObservation.PortBinding(81, "tcp", "127.0.0.1", 32769));
        assertThat(inspect(first).ipAddress()).isNotEqualTo(inspect(second).ipAddress());
        runtime.stopContainer(first, Duration.ofSeconds(1));
        assertThat(inspect(first).ports()).isEmpty();
    }

    @Test
    void aJoinedContainerNeedsItsNetworkHolderRunning() {
        String pauseImage = runtime.pauseImage();
        String holder = runtime.createContainer(new SpecBuilder("pause", pauseImage).build());
        String joined = runtime.createContainer(app("joined").network(ContainerSpec.Network.joining(holder)).build());
        assertThatThrownBy(() -> runtime.startContainer(joined))
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.REFUSED));
        runtime.startContainer(holder);
        runtime.startContainer(joined);
        assertThat(inspect(joined).isRunning()).isTrue();
        assertThat(inspect(joined).ipAddress()).isNull();
    }

    @Test
    void logsAreFollowedFromSinceUntilTheContainerExits() {
        runtime.whenImage(APP, SimulatedBehaviour.exitsAfter(Duration.ofSeconds(10), 0).withStdout("hello").withStderr("oops"));
        String id = run(app("talker"));
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        ContainerRuntime.LogFollower follower = runtime.followLogs(id, null, lines::add);
        await().until(() -> lines.size() == 2);
        clock.advance(Duration.ofSeconds(3));
        runtime.write(id, "stdout", "later");
        await().until(() -> lines.size() == 3);
        assertThat(follower.isDone()).isFalse();
        clock.advance(Duration.ofSeconds(7));
        await().until(follower::isDone);

        assertThat(lines).extracting(LogLine::stream, LogLine::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("stdout", "hello"),
                org.assertj.core.groups.Tuple.tuple("stderr", "oops"),
                org.assertj.core.groups.Tuple.tuple("stdout", "later"));
        List<LogLine> recent = new CopyOnWriteArrayList<>();
        ContainerRuntime.LogFollower again = runtime.followLogs(id, lines.get(2).timestamp(), recent::add);
        await().until(again::isDone);
        assertThat(recent).extracting(LogLine::message).containsExactly("later");
    }

    @Test
    void listsByLabelAndRemovesIdempotently() {
        String a = runtime.createContainer(app("a").label("task", "1").build());
        String b = run(app("b").label("task", "1").label("container", "web"));
        run(app("c").label("task", "2"));

        assertThat(runtime.listContainers(Map.of("task", "1"))).extracting(ContainerObservation::id).containsExactlyInAnyOrder(a, b);
        assertThat(runtime.listContainers(Map.of("task", "1", "container", "web"))).extracting(ContainerObservation::id).containsExactly(b);
        assertThatThrownBy(() -> runtime.createContainer(app("a").build()))
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.REFUSED));

        events.clear();
        runtime.removeContainer(b);
        runtime.removeContainer(b);
        assertThat(runtime.inspect(b)).isEmpty();
        assertThat(events).containsExactly(new ContainerEvent(b, ContainerEvent.Type.EXIT),
                new ContainerEvent(b, ContainerEvent.Type.DESTROY));
    }

    @Test
    void theLatestMatchingRuleWinsAndPredicatesSeeTheWholeSpec() {
        runtime.whenImage(APP, SimulatedBehaviour.exitsAfter(Duration.ofSeconds(1), 1));
        runtime.when(spec -> spec.labels().containsKey("sidecar"), SimulatedBehaviour.exitsAfter(Duration.ofSeconds(1), 2));
        String main = run(app("main"));
        String sidecar = run(app("sidecar").label("sidecar", "true"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(inspect(main).exitCode()).isEqualTo(1);
        assertThat(inspect(sidecar).exitCode()).isEqualTo(2);
    }

    @Test
    void anUnavailableEngineFailsEveryCall() {
        runtime.setAvailable(false);
        assertThatThrownBy(runtime::ping)
                .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.kind()).isEqualTo(RuntimeFailure.Kind.UNAVAILABLE));
        runtime.setAvailable(true);
        assertThat(runtime.ping()).contains("simulated");
    }

    @Test
    void aScriptedLoadChangesWhatRunningAndLaterContainersUseAndTheCpuTimeAddsUp() {
        runtime.whenImage(APP, SimulatedBehaviour.runsForever().withUsage(50, 1024));
        String busy = run(app("busy").label("task", "a"));
        String idle = run(app("idle").label("task", "b"));
        clock.advance(Duration.ofSeconds(10)); // 5 s of CPU at half a core

        runtime.setLoad(SimulatedRuntime.labelled("task", "a"), 200, 2048);
        clock.advance(Duration.ofSeconds(10)); // 20 s more at two cores
        String later = run(app("later").label("task", "a"));

        ContainerRuntime.ContainerStats stats = runtime.stats(busy).orElseThrow();
        assertThat(stats.cpuPercentOfOneCore()).isEqualTo(200);
        assertThat(stats.memoryBytes()).isEqualTo(2048);
        assertThat(stats.cpuTotalNanos()).isEqualTo(Duration.ofSeconds(25).toNanos());
        assertThat(runtime.stats(idle).orElseThrow().cpuTotalNanos()).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(runtime.stats(later).orElseThrow().cpuPercentOfOneCore()).isEqualTo(200);
    }

    @Test
    void statsAndVolumes() {
        runtime.whenImage(APP, SimulatedBehaviour.runsForever().withUsage(42.5, 1024));
        String id = run(app("measured").memoryLimit(4096));
        assertThat(runtime.stats(id)).contains(new ContainerRuntime.ContainerStats(clock.instant(), 42.5, 1024, 4096, 0));
        runtime.stopContainer(id, Duration.ZERO);
        assertThat(runtime.stats(id)).isEmpty();

        runtime.ensureVolume(new ContainerRuntime.VolumeSpec("data", null, Map.of(), Map.of()));
        runtime.ensureVolume(new ContainerRuntime.VolumeSpec("data", null, Map.of(), Map.of()));
        assertThat(runtime.volumes()).containsExactly("data");
        runtime.removeVolume("data");
        runtime.removeVolume("data");
        assertThat(runtime.volumes()).isEmpty();
    }

    @Test
    void thousandsOfContainersFromManyThreadsExitTogetherInVirtualTime() throws Exception {
        runtime.whenImage(APP, SimulatedBehaviour.exitsAfter(Duration.ofMinutes(1), 0));
        int count = 4000;
        long began = System.nanoTime();
        List<Future<String>> started = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                String name = "scale-" + i;
                started.add(threads.submit(() -> run(app(name).label("scale", "yes"))));
            }
            for (Future<String> future : started) {
                future.get();
            }
        }
        clock.advance(Duration.ofMinutes(1));
        System.out.printf("%d simulated containers created, started and exited in %d ms%n", count,
                (System.nanoTime() - began) / 1_000_000);

        assertThat(runtime.listContainers(Map.of("scale", "yes"))).hasSize(count).allMatch(ContainerObservation::hasExited);
        assertThat(events.stream().filter(e -> e.type() == ContainerEvent.Type.EXIT)).hasSize(count);
    }

    @Test
    void twoRuntimesNeverHandOutTheSameContainerId() {
        // A server killed and started again gets a new runtime: an id recorded by the old one must find nothing.
        try (SimulatedRuntime before = new SimulatedRuntime(clock).addImage(APP);
                SimulatedRuntime after = new SimulatedRuntime(clock).addImage(APP)) {
            String old = before.createContainer(app("first").build());
            String fresh = after.createContainer(app("first").build());
            assertThat(fresh).isNotEqualTo(old);
            assertThat(after.inspect(old)).isEmpty();
        }
    }

    @Test
    void whatBecomesDueWhileTheRuntimeIsBusyIsNotMissed() {
        // A clock that moves a millisecond each time it is read: the exit, due 2 ms after the start, passes while the
        // runtime is still starting the container, between its readings of the clock.
        VirtualTimer base = new VirtualTimer();
        Timer creeping = new Timer() {
            @Override
            public Instant instant() {
                base.advance(Duration.ofMillis(1));
                return base.instant();
            }

            @Override
            public Scheduled schedule(Instant at, Runnable action) {
                return base.schedule(at, action);
            }
        };
        try (SimulatedRuntime busy = new SimulatedRuntime(creeping).addImage(APP)) {
            busy.whenImage(APP, SimulatedBehaviour.exitsAfter(Duration.ofMillis(2), 4));
            List<ContainerEvent> heard = new CopyOnWriteArrayList<>();
            busy.subscribe(heard::add);
            String id = busy.createContainer(app("busy").build());
            busy.startContainer(id);
            base.advance(Duration.ofMinutes(1));
            assertThat(heard).contains(new ContainerEvent(id, ContainerEvent.Type.EXIT));
            assertThat(busy.inspect(id).orElseThrow().exitCode()).isEqualTo(4);
        }
    }

    @Test
    void withARealClockContainersExitAsTimePasses() {
        try (SimulatedRuntime real = new SimulatedRuntime(dev.ecsd.testing.RealTime.TIMER).addImage(APP)) {
            real.whenImage(APP, SimulatedBehaviour.exitsAfter(Duration.ofMillis(50), 4));
            List<ContainerEvent> heard = new CopyOnWriteArrayList<>();
            real.subscribe(heard::add);
            String id = real.createContainer(app("real").build());
            real.startContainer(id);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(new ContainerEvent(id, ContainerEvent.Type.EXIT)));
            assertThat(real.inspect(id).orElseThrow().exitCode()).isEqualTo(4);
        }
    }
}

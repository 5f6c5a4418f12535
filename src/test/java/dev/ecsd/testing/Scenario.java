package dev.ecsd.testing;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.server.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A whole ecsd on virtual time, stepped by a test: a server on a {@link VirtualTimer} and a {@link SimulatedRuntime},
 * whose controllers run only when the scenario runs them (on the test's thread, in {@link #settle}), and an SDK
 * client that signs at the same virtual time (the server checks signatures against its own clock). Time moves only
 * in {@link #advance}; every timer due on the way fires in order. The agent still works its tasks on threads of its
 * own, so the scenario waits for what it does with {@link #await}, which runs the controllers while it waits.
 */
public final class Scenario implements AutoCloseable {
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    public final VirtualTimer clock;
    public final SimulatedRuntime runtime;
    public final TestServer server;
    public final EcsClient ecs;
    /**
     * Where the server publishes its metrics (AWS/ECS and the like); stays empty in a scenario of
     * {@link #withServerMetricStore()}, whose server keeps them in its own metrics.db.
     */
    public final MemoryMetricStore metrics = new MemoryMetricStore();

    private Scenario(VirtualTimer clock, boolean serverMetricStore) {
        this(clock, serverMetricStore, UnaryOperator.identity());
    }

    private Scenario(VirtualTimer clock, boolean serverMetricStore, UnaryOperator<ServerConfig> config) {
        this.clock = clock;
        this.runtime = new SimulatedRuntime(clock);
        this.server = TestServer.start(clock, runtime, true, serverMetricStore ? null : metrics, config);
        this.ecs = ClockedClients.ecs(server.endpoint(), clock);
    }

    private Scenario(VirtualTimer clock) {
        this(clock, false);
    }

    /** A scenario that starts at {@link VirtualTimer#START}. */
    public static Scenario start() {
        return new Scenario(new VirtualTimer());
    }

    /**
     * A scenario at {@link VirtualTimer#START} whose server keeps its metrics as a real one does, in its SQLite
     * metric store, for tests of the whole chain from a container's load to CloudWatch's answers and alarms.
     */
    public static Scenario withServerMetricStore() {
        return new Scenario(new VirtualTimer(), true);
    }

    /** A scenario at {@link VirtualTimer#START} whose server's configuration {@code config} changes (an option on). */
    public static Scenario withConfig(UnaryOperator<ServerConfig> config) {
        return new Scenario(new VirtualTimer(), false, config);
    }

    /** A scenario that starts at {@code instant}. */
    public static Scenario startingAt(Instant instant) {
        return new Scenario(new VirtualTimer(instant));
    }

    /** Moves virtual time on, firing every timer due on the way, then runs the controllers until they are idle. */
    public void advance(Duration duration) {
        clock.advance(duration);
        settle();
    }

    /** Runs the controllers until none has anything queued: what they decide is written when this returns. */
    public void settle() {
        controllers().runUntilIdle();
    }

    /** Waits (in real time, bounded) until {@code read} gives a value {@code until} accepts, running the controllers. */
    public <T> T await(String what, Supplier<T> read, Predicate<T> until) {
        return Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> {
            settle();
            return read.get();
        }, until);
    }

    /** Waits until {@code calls} runtime calls are blocked waiting for virtual time to pass. */
    public void awaitCallsWaitingForTime(int calls) {
        await(calls + " runtime calls waiting for time", runtime::callsWaitingForTime, waiting -> waiting == calls);
    }

    public ControllerRuntime controllers() {
        return server.server().controllers();
    }

    public Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        ecs.close();
        server.close();
    }
}

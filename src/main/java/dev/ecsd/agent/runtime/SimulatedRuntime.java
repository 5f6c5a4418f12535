package dev.ecsd.agent.runtime;

import dev.ecsd.time.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ContainerRuntime} that runs no containers: they live in memory and behave as configured, on the
 * time of an injected clock, for fast logic tests and scale tests. Thread-safe.
 *
 * <p>Knobs:
 * <ul>
 *   <li>{@link #whenImage(String, SimulatedBehaviour)} and {@link #when(Predicate, SimulatedBehaviour)}: how the
 *       containers of an image (or whose spec matches) behave — start delay, run time and exit code or forever,
 *       OOM kill, failure to start, SIGTERM ignored, health sequence, output lines, stats. The most recently added
 *       matching rule wins; otherwise {@link #defaultBehaviour(SimulatedBehaviour)} (runs forever).</li>
 *   <li>{@link #failPull(String, String)}: pulls of an image fail with that message; {@link #pullDelay(Duration)}:
 *       how long a pull takes, {@link #statsDelay(Duration)} how long a stats call takes. Other pulls succeed. {@link #addImage(String)} makes an image present without a
 *       pull; creating a container of an absent image fails with NOT_FOUND, as on Docker.</li>
 *   <li>{@link #setAvailable(boolean)}: while false, every call fails with UNAVAILABLE, as with a dead engine.</li>
 *   <li>{@link #write(String, String, String)}: the container writes a line now.</li>
 *   <li>{@link #setLoad(Predicate, double, long)}: the CPU and memory the matching containers use from now on.</li>
 * </ul>
 *
 * <p>Time comes from a {@link Timer}: what becomes due (exits, health changes) is applied when the timer reaches
 * it, and its events are published on the timer's thread — in tests with virtual time, on the thread that advances
 * it. Calls that take time — {@code startContainer} during a start delay, {@code stopContainer} of a container
 * ignoring SIGTERM, a pull with a delay — block until the timer reaches their end, so a test advances virtual time
 * from another thread.
 *
 * <p>Like Docker: {@code startContainer} returns once the container runs; a stop honoured at once exits with
 * the behaviour's SIGTERM exit code (143 by default), a stop of a container ignoring SIGTERM exits with 137 at
 * the timeout; a container joining another's network needs that one running; exited containers show no ports
 * and no IP address; host ports chosen by the engine count up from 32768. Events (START, OOM then EXIT, HEALTH on a
 * change, DESTROY) reach subscribers synchronously, in order, after the change they report is visible.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedRuntime.class);
    private static final int FIRST_DYNAMIC_PORT = 32768;

    private record Rule(Predicate<ContainerSpec> matches, SimulatedBehaviour behaviour) {
    }

    private record Load(Predicate<ContainerSpec> matches, double cpuPercentOfOneCore, long memoryBytes) {
    }

    private final Timer clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, SimulatedContainer> containers = new LinkedHashMap<>();
    private final Map<String, SimulatedContainer> containersByName = new HashMap<>();
    private final LabelIndex<SimulatedContainer> containersByLabel = new LabelIndex<>();
    private final Set<String> images = new HashSet<>();
    private final Map<String, String> pullFailures = new HashMap<>();
    private final Map<String, Optional<RegistryAuth>> pullLogins = new ConcurrentHashMap<>();
    private final Set<String> volumes = new HashSet<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Load> loads = new ArrayList<>();
    private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<ContainerEvent> undelivered = new ConcurrentLinkedQueue<>();
    private final ReentrantLock delivery = new ReentrantLock();
    private SimulatedBehaviour defaultBehaviour = SimulatedBehaviour.runsForever();
    private Duration pullDelay = Duration.ZERO;
    private Duration statsDelay = Duration.ZERO;
    private boolean available = true;
    private boolean closed;
    private long containerCounter;
    /**
     * Makes this runtime's container ids its own, as an engine's are: a runtime in the next server process (after a
     * kill) must not hand out the ids the last one did, or a task recorded with an old id would act on a new container.
     */
    private final String engineId = UUID.randomUUID().toString();
    private int nextHostPort = FIRST_DYNAMIC_PORT;
    private int callsWaitingForTime;
    private Instant earliestDue; // of all containers; null when nothing is due, so most calls skip the scan
    private Instant alarmAt; // when the timer next calls catchUp; null when no call is scheduled

    public SimulatedRuntime(Timer timer) {
        this.clock = timer;
    }

    // ---- knobs

    public SimulatedRuntime whenImage(String image, SimulatedBehaviour behaviour) {
        return addRule(new Rule(spec -> spec.image().equals(image), behaviour));
    }

    public SimulatedRuntime when(Predicate<ContainerSpec> matches, SimulatedBehaviour behaviour) {
        return addRule(new Rule(matches, behaviour));
    }

    /**
     * From now on, the containers whose spec matches — running now or started later — use this much CPU (100 = one
     * core busy) and memory, as stats report it; the CPU time they used so far is kept. The most recent matching load
     * wins over older ones and over the behaviour's {@link SimulatedBehaviour#withUsage usage}. A test changes the
     * load of running tasks with it, e.g. {@code setLoad(labelled(TASK_ARN_LABEL, arn), 90, 64 << 20)}.
     */
    public SimulatedRuntime setLoad(Predicate<ContainerSpec> matches, double cpuPercentOfOneCore, long memoryBytes) {
        return locked(() -> {
            Load load = new Load(matches, cpuPercentOfOneCore, memoryBytes);
            loads.add(load);
            Instant now = clock.instant();
            containers.values().stream().filter(c -> matches.test(c.spec))
                    .forEach(c -> c.setUsage(now, load.cpuPercentOfOneCore(), load.memoryBytes()));
        });
    }

    /** Matches the specs carrying this label with this value (the agent labels containers with their task ARN). */
    public static Predicate<ContainerSpec> labelled(String label, String value) {
        return spec -> value.equals(spec.labels().get(label));
    }

    public SimulatedRuntime defaultBehaviour(SimulatedBehaviour behaviour) {
        return locked(() -> defaultBehaviour = behaviour);
    }

    public SimulatedRuntime failPull(String image, String message) {
        return locked(() -> pullFailures.put(image, message));
    }

    /** Whether {@code image} was pulled. */
    public boolean pulled(String image) {
        return pullLogins.containsKey(image);
    }

    /** The login the newest pull of {@code image} used; empty if it was pulled anonymously or not at all. */
    public Optional<RegistryAuth> pullLogin(String image) {
        return pullLogins.getOrDefault(image, Optional.empty());
    }

    public SimulatedRuntime pullDelay(Duration delay) {
        return locked(() -> pullDelay = delay);
    }

    /** How long a stats call takes (Docker's waits for its next samples, 1-2 s); the container is read at its end. */
    public SimulatedRuntime statsDelay(Duration delay) {
        return locked(() -> statsDelay = delay);
    }

    public SimulatedRuntime addImage(String image) {
        return locked(() -> images.add(image));
    }

    public SimulatedRuntime setAvailable(boolean available) {
        return locked(() -> this.available = available);
    }

    /** The container writes a line now. */
    public void write(String id, String stream, String message) {
        withLock(() -> {
            find(id).orElseThrow(() -> notFound(id)).logs.add(new LogLine(clock.instant(), stream, message));
            changed.signalAll();
            return null;
        });
    }

    public Set<String> volumes() {
        return withLock(() -> Set.copyOf(volumes));
    }

    /**
     * Calls blocked until the clock moves on (a start delay, a stop timeout, a pull delay): a test awaits this
     * before advancing virtual time, so the call has taken its start time.
     */
    public int callsWaitingForTime() {
        return withLock(() -> callsWaitingForTime);
    }

    /** Containers that exist, in any state. */
    public int containerCount() {
        return withLock(containers::size);
    }

    // ---- ContainerRuntime

    @Override
    public String ping() {
        return engineCall(() -> "simulated runtime with " + containers.size() + " containers");
    }

    @Override
    public boolean hasImage(String image) {
        return engineCall(() -> images.contains(image));
    }

    @Override
    public void pullImage(String image, RegistryAuth auth) {
        engineCall(() -> {
            pullLogins.put(image, Optional.ofNullable(auth));
            String failure = pullFailures.get(image);
            if (failure != null) {
                throw new RuntimeFailure(RuntimeFailure.Kind.PULL, failure);
            }
            awaitTime(clock.instant().plus(pullDelay), () -> false);
            images.add(image);
            return null;
        });
    }

    @Override
    public String pauseImage() {
        return engineCall(() -> {
            images.add(DockerRuntime.PAUSE_IMAGE);
            return DockerRuntime.PAUSE_IMAGE;
        });
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return engineCall(() -> {
            if (!images.contains(spec.image())) {
                throw new RuntimeFailure(RuntimeFailure.Kind.NOT_FOUND, "No such image: " + spec.image());
            }
            long number = ++containerCounter;
            String id = sha256("simulated container " + engineId + " " + number);
            String name = spec.name() != null ? spec.name() : "simulated-" + number;
            SimulatedContainer existing = containersByName.get(name);
            if (existing != null) {
                throw new RuntimeFailure(RuntimeFailure.Kind.REFUSED, "Conflict. The container name \"/" + name
                        + "\" is already in use by container \"" + existing.id + "\"");
            }
            boolean ownNetwork = spec.network() == null || spec.network().mode() == ContainerSpec.Network.Mode.BRIDGE;
            List<ContainerObservation.PortBinding> ports = new ArrayList<>();
            if (ownNetwork) {
                for (ContainerSpec.Port port : spec.ports()) {
                    int hostPort = port.hostPort() == null || port.hostPort() == 0 ? nextHostPort++ : port.hostPort();
                    ports.add(new ContainerObservation.PortBinding(port.containerPort(),
                            port.protocol() == null ? "tcp" : port.protocol(), port.hostIp(), hostPort));
                }
            }
            String ip = ownNetwork ? "10.88." + (number / 250 % 250) + "." + (number % 250 + 2) : null;
            SimulatedContainer container = new SimulatedContainer(id, name, spec, behaviourOf(spec), ports, ip);
            for (int i = loads.size() - 1; i >= 0; i--) {
                if (loads.get(i).matches().test(spec)) {
                    container.setUsage(clock.instant(), loads.get(i).cpuPercentOfOneCore(), loads.get(i).memoryBytes());
                    break;
                }
            }
            containers.put(id, container);
            containersByName.put(name, container);
            containersByLabel.add(spec.labels(), container);
            return id;
        });
    }

    @Override
    public void startContainer(String id) {
        List<SimulatedContainer.Happening> happenings = new ArrayList<>();
        engineCall(() -> {
            SimulatedContainer container = find(id).orElseThrow(() -> notFound(id));
            if (container.isRunning()) {
                return null;
            }
            ContainerSpec.Network network = container.spec.network();
            if (network != null && network.mode() == ContainerSpec.Network.Mode.CONTAINER) {
                Optional<SimulatedContainer> joined = find(network.joinContainerId());
                if (joined.isEmpty() || !joined.get().isRunning()) {
                    throw new RuntimeFailure(RuntimeFailure.Kind.REFUSED,
                            "cannot join network of a non running container: " + network.joinContainerId());
                }
            }
            awaitTime(clock.instant().plus(container.behaviour.startDelay()), () -> container.removed);
            if (container.removed) {
                throw notFound(id);
            }
            if (container.behaviour.startFailure() != null) {
                container.failToStart(clock.instant(), container.behaviour.startFailure());
                throw new RuntimeFailure(RuntimeFailure.Kind.REFUSED, container.behaviour.startFailure());
            }
            container.start(clock.instant(), happenings);
            container.catchUp(clock.instant(), happenings);
            noteDue(container);
            armAlarm();
            publish(happenings);
            return null;
        });
        deliverEvents();
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        engineCall(() -> {
            SimulatedContainer container = find(id).orElseThrow(() -> notFound(id));
            if (!container.isRunning()) {
                return null;
            }
            List<SimulatedContainer.Happening> happenings = new ArrayList<>();
            if (container.behaviour.ignoresSigterm() || timeout.isZero()) {
                Instant deadline = clock.instant().plus(timeout);
                awaitTime(deadline, () -> !container.isRunning());
                if (container.isRunning()) {
                    container.exit(deadline, 137, false, happenings);
                }
            } else {
                container.exit(clock.instant(), container.behaviour.sigtermExitCode(), false, happenings);
            }
            publish(happenings);
            return null;
        });
        deliverEvents();
    }

    @Override
    public void removeContainer(String id) {
        engineCall(() -> {
            Optional<SimulatedContainer> found = find(id);
            if (found.isEmpty()) {
                return null;
            }
            SimulatedContainer container = found.get();
            List<SimulatedContainer.Happening> happenings = new ArrayList<>();
            if (container.isRunning()) {
                container.exit(clock.instant(), 137, false, happenings);
            }
            containers.remove(container.id);
            containersByName.remove(container.name);
            containersByLabel.remove(container.spec.labels(), container);
            container.removed = true;
            happenings.add(new SimulatedContainer.Happening(clock.instant(),
                    new ContainerEvent(container.id, ContainerEvent.Type.DESTROY)));
            publish(happenings);
            return null;
        });
        deliverEvents();
    }

    @Override
    public Optional<ContainerObservation> inspect(String id) {
        return engineCall(() -> find(id).map(SimulatedContainer::observe));
    }

    @Override
    public List<ContainerObservation> listContainers(Map<String, String> labels) {
        return engineCall(() -> containersByLabel.candidates(labels, containers.values()).stream()
                .filter(c -> c.spec.labels().entrySet().containsAll(labels.entrySet()))
                .map(SimulatedContainer::observe)
                .toList());
    }

    @Override
    public void ensureVolume(VolumeSpec volume) {
        engineCall(() -> volumes.add(volume.name()));
    }

    @Override
    public void removeVolume(String name) {
        engineCall(() -> volumes.remove(name));
    }

    @Override
    public LogFollower followLogs(String id, Instant since, Consumer<LogLine> sink) {
        SimulatedContainer container = engineCall(() -> find(id).orElseThrow(() -> notFound(id)));
        return SimulatedLogFollower.start(lock, changed, () -> closed, container, since, sink);
    }

    @Override
    public Optional<ContainerStats> stats(String id) {
        return engineCall(() -> {
            awaitTime(clock.instant().plus(statsDelay), () -> false);
            return find(id).filter(SimulatedContainer::isRunning).map(c -> c.stats(clock.instant()));
        });
    }

    @Override
    public void subscribe(Consumer<ContainerEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        withLock(() -> {
            closed = true;
            changed.signalAll();
            return null;
        });
    }

    // ---- time

    /** Applies everything due by the clock's now and publishes its events. */
    public void catchUp() {
        withLock(() -> {
            catchUpLocked();
            changed.signalAll();
            return null;
        });
        deliverEvents();
    }

    /** Applies what is due, again while more became due meanwhile, then sets the alarm for what is due next. */
    private void catchUpLocked() {
        while (true) {
            Instant now = clock.instant();
            if (alarmAt != null && !alarmAt.isAfter(now)) {
                alarmAt = null;
            }
            if (earliestDue == null || earliestDue.isAfter(now)) {
                break;
            }
            List<SimulatedContainer.Happening> happenings = new ArrayList<>();
            earliestDue = null;
            for (SimulatedContainer container : containers.values()) {
                container.catchUp(now, happenings);
                noteDue(container);
            }
            publish(happenings);
        }
        armAlarm();
    }

    private void noteDue(SimulatedContainer container) {
        Instant due = container.nextDue();
        if (due != null && (earliestDue == null || due.isBefore(earliestDue))) {
            earliestDue = due;
        }
    }

    /**
     * One alarm for the earliest instant anything is due; an alarm set for a later one fires and finds nothing. It
     * is not compared with the clock: a due instant that passed since the clock was read comes at once, not never.
     * Set under the lock: with virtual time an alarm already due runs at once, re-entrantly, which the lock allows;
     * its events then reach listeners before the lock is released (the agent's listener only wakes a worker).
     */
    private void armAlarm() {
        if (earliestDue != null && !closed && (alarmAt == null || earliestDue.isBefore(alarmAt))) {
            alarmAt = earliestDue;
            clock.schedule(earliestDue, this::catchUp);
        }
    }

    /** Waits, holding the lock between checks, until the clock reaches {@code deadline} or {@code done} is true. */
    private void awaitTime(Instant deadline, BooleanSupplier done) {
        callsWaitingForTime++;
        try {
            awaitTimeCounted(deadline, done);
        } finally {
            callsWaitingForTime--;
        }
    }

    private void awaitTimeCounted(Instant deadline, BooleanSupplier done) {
        if (done.getAsBoolean() || closed || !clock.instant().isBefore(deadline)) {
            return;
        }
        // The alarm, not a reading of the clock, ends the wait: a wall clock set back must not make it endless.
        boolean[] reached = {false};
        Timer.Scheduled alarm = clock.schedule(deadline, () -> withLock(() -> {
            reached[0] = true;
            changed.signalAll();
            return null;
        }));
        try {
            while (!done.getAsBoolean() && !closed && !reached[0] && clock.instant().isBefore(deadline)) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure(RuntimeFailure.Kind.TIMEOUT, "interrupted while waiting for simulated time");
        } finally {
            alarm.cancel();
        }
    }

    // ---- events

    /** Queues events in time order; called with the lock held, so the queue's order is the order of changes. */
    private void publish(List<SimulatedContainer.Happening> happenings) {
        happenings.stream()
                .sorted(Comparator.comparing(SimulatedContainer.Happening::at))
                .forEach(h -> undelivered.add(h.event()));
        if (!happenings.isEmpty()) {
            changed.signalAll();
        }
    }

    /** Hands queued events to listeners, outside the state lock, one deliverer at a time. */
    private void deliverEvents() {
        while (!undelivered.isEmpty()) {
            if (!delivery.tryLock()) {
                return; // the thread delivering now will deliver ours too
            }
            try {
                for (ContainerEvent event; (event = undelivered.poll()) != null; ) {
                    for (Consumer<ContainerEvent> listener : listeners) {
                        try {
                            listener.accept(event);
                        } catch (RuntimeException e) {
                            LOG.warn("a container event listener failed on {}", event, e);
                        }
                    }
                }
            } finally {
                delivery.unlock();
            }
        }
    }

    // ---- internals

    private SimulatedRuntime addRule(Rule rule) {
        return locked(() -> rules.add(rule));
    }

    private SimulatedBehaviour behaviourOf(ContainerSpec spec) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).matches().test(spec)) {
                return rules.get(i).behaviour();
            }
        }
        return defaultBehaviour;
    }

    private Optional<SimulatedContainer> find(String idOrName) {
        SimulatedContainer byId = containers.get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return Optional.ofNullable(containersByName.get(idOrName));
    }

    private static RuntimeFailure notFound(String id) {
        return new RuntimeFailure(RuntimeFailure.Kind.NOT_FOUND, "No such container: " + id);
    }

    /** Runs a call as the engine would: refused while unavailable, under the lock, after catching up. */
    private <T> T engineCall(java.util.function.Supplier<T> call) {
        T result = withLock(() -> {
            if (!available || closed) {
                throw new RuntimeFailure(RuntimeFailure.Kind.UNAVAILABLE,
                        closed ? "the simulated runtime is closed" : "the simulated engine is unavailable");
            }
            catchUpLocked();
            return call.get();
        });
        deliverEvents();
        return result;
    }

    private SimulatedRuntime locked(Runnable change) {
        withLock(() -> {
            change.run();
            return null;
        });
        return this;
    }

    private <T> T withLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

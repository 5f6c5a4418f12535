package dev.ecsd.agent.runtime;

import dev.ecsd.agent.runtime.ContainerRuntime.ContainerEvent;
import dev.ecsd.agent.runtime.ContainerRuntime.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One container of a {@link SimulatedRuntime}: mutable, guarded by the runtime's lock. */
final class SimulatedContainer {
    private static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(30);

    /** Something that happened to it, at the virtual time it happened. */
    record Happening(Instant at, ContainerEvent event) {
    }

    final String id;
    final String name;
    final ContainerSpec spec;
    final SimulatedBehaviour behaviour;
    final List<ContainerObservation.PortBinding> ports;
    final String ipAddress;
    final List<LogLine> logs = new ArrayList<>();

    ContainerObservation.State state = ContainerObservation.State.CREATED;
    Integer exitCode;
    boolean oomKilled;
    ContainerObservation.Health health = ContainerObservation.Health.NONE;
    Instant startedAt;
    Instant finishedAt;
    String error;
    boolean removed;

    // what it uses now, and the CPU time it has used up to usageAccountedAt (cumulative, as an engine counts it)
    private double cpuPercentOfOneCore;
    private long memoryBytes;
    private double cpuNanos;
    private Instant usageAccountedAt;
    private Instant exitAt;
    private int healthIndex;
    private Instant nextHealthAt;

    SimulatedContainer(String id, String name, ContainerSpec spec, SimulatedBehaviour behaviour,
                       List<ContainerObservation.PortBinding> ports, String ipAddress) {
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.behaviour = behaviour;
        this.ports = List.copyOf(ports);
        this.ipAddress = ipAddress;
        this.cpuPercentOfOneCore = behaviour.cpuPercentOfOneCore();
        this.memoryBytes = behaviour.memoryBytes();
    }

    boolean isRunning() {
        return state == ContainerObservation.State.RUNNING;
    }

    void start(Instant now, List<Happening> happenings) {
        state = ContainerObservation.State.RUNNING;
        startedAt = now;
        usageAccountedAt = now;
        finishedAt = null;
        exitCode = null;
        happenings.add(new Happening(now, new ContainerEvent(id, ContainerEvent.Type.START)));
        for (SimulatedBehaviour.Output line : behaviour.output()) {
            logs.add(new LogLine(now, line.stream(), line.message()));
        }
        exitAt = behaviour.runFor() == null ? null : now.plus(behaviour.runFor());
        if (spec.healthCheck() != null) {
            healthIndex = 0;
            health = healthSequence().getFirst();
            nextHealthAt = healthSequence().size() > 1 ? now.plus(healthInterval()) : null;
        }
    }

    void failToStart(Instant now, String message) {
        state = ContainerObservation.State.EXITED;
        exitCode = 127;
        error = message;
        finishedAt = now;
    }

    /** Applies what is due by {@code now}, in time order, recording what happened. */
    void catchUp(Instant now, List<Happening> happenings) {
        while (isRunning()) {
            Instant next = earliest(nextHealthAt, exitAt);
            if (next == null || next.isAfter(now)) {
                return;
            }
            if (nextHealthAt != null && !nextHealthAt.isAfter(next)) {
                healthIndex++;
                ContainerObservation.Health reported = healthSequence().get(healthIndex);
                boolean changed = reported != health;
                health = reported;
                if (changed) {
                    happenings.add(new Happening(nextHealthAt, new ContainerEvent(id, ContainerEvent.Type.HEALTH)));
                }
                nextHealthAt = healthIndex + 1 < healthSequence().size() ? nextHealthAt.plus(healthInterval()) : null;
            } else {
                exit(exitAt, behaviour.exitCode(), behaviour.oomKilled(), happenings);
            }
        }
    }

    /** The next time something is due, or null. */
    Instant nextDue() {
        return isRunning() ? earliest(nextHealthAt, exitAt) : null;
    }

    void exit(Instant at, int code, boolean outOfMemory, List<Happening> happenings) {
        accountUsage(at);
        if (outOfMemory) {
            happenings.add(new Happening(at, new ContainerEvent(id, ContainerEvent.Type.OOM)));
        }
        state = ContainerObservation.State.EXITED;
        exitCode = code;
        oomKilled = outOfMemory;
        finishedAt = at;
        exitAt = null;
        nextHealthAt = null;
        happenings.add(new Happening(at, new ContainerEvent(id, ContainerEvent.Type.EXIT)));
    }

    /** From {@code now} on it uses this much; the CPU time used so far at the old rate is kept. */
    void setUsage(Instant now, double cpuPercent, long bytes) {
        accountUsage(now);
        cpuPercentOfOneCore = cpuPercent;
        memoryBytes = bytes;
    }

    /** What stats read now: the current use, and the CPU time used since it started. */
    ContainerRuntime.ContainerStats stats(Instant now) {
        accountUsage(now);
        return new ContainerRuntime.ContainerStats(now, cpuPercentOfOneCore, memoryBytes,
                spec.memoryLimitBytes() == null ? 0 : spec.memoryLimitBytes(), Math.round(cpuNanos));
    }

    private void accountUsage(Instant now) {
        if (isRunning() && usageAccountedAt != null && now.isAfter(usageAccountedAt)) {
            cpuNanos += cpuPercentOfOneCore / 100.0 * Duration.between(usageAccountedAt, now).toNanos();
        }
        usageAccountedAt = now;
    }

    ContainerObservation observe() {
        return new ContainerObservation(id, name, spec.labels(), state, exitCode, oomKilled, health, startedAt,
                finishedAt, isRunning() ? ports : List.of(), isRunning() ? ipAddress : null, error);
    }

    private List<ContainerObservation.Health> healthSequence() {
        return behaviour.healthSequence().isEmpty()
                ? List.of(ContainerObservation.Health.STARTING, ContainerObservation.Health.HEALTHY)
                : behaviour.healthSequence();
    }

    private Duration healthInterval() {
        if (behaviour.healthInterval() != null) {
            return behaviour.healthInterval();
        }
        Duration specified = spec.healthCheck().interval();
        return specified == null || specified.isZero() ? DEFAULT_HEALTH_INTERVAL : specified;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}

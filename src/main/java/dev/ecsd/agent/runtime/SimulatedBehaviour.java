package dev.ecsd.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a container of a {@link SimulatedRuntime} behaves. Immutable; start from {@link #runsForever()} or
 * {@link #exitsAfter(Duration, int)} and refine with the {@code with…} methods.
 *
 * @param startDelay      how long {@code startContainer} takes before the container runs
 * @param runFor          how long it runs before exiting by itself; null runs until stopped
 * @param exitCode        its exit code when it exits by itself
 * @param oomKilled       whether exiting by itself is an out-of-memory kill (exit code 137, an OOM event first)
 * @param startFailure    when not null, {@code startContainer} fails with this message (as an entrypoint that
 *                        does not exist does), leaving the container exited with code 127 and this error
 * @param ignoresSigterm  whether a stop waits the whole stop timeout and then kills (exit code 137)
 * @param sigtermExitCode the exit code when it honours SIGTERM
 * @param healthInterval  time between health statuses; null uses the spec's health check interval
 * @param healthSequence  the health statuses it reports in turn, one per interval from its start, the last one
 *                        kept; empty means STARTING, then HEALTHY. Only containers whose spec has a health
 *                        check have a health.
 * @param output          lines it writes as soon as it starts
 * @param cpuPercentOfOneCore what stats report while it runs
 * @param memoryBytes     what stats report while it runs
 */
public record SimulatedBehaviour(
        Duration startDelay,
        Duration runFor,
        int exitCode,
        boolean oomKilled,
        String startFailure,
        boolean ignoresSigterm,
        int sigtermExitCode,
        Duration healthInterval,
        List<ContainerObservation.Health> healthSequence,
        List<Output> output,
        double cpuPercentOfOneCore,
        long memoryBytes) {

    /** One line a simulated container writes. */
    public record Output(String stream, String message) {
    }

    public SimulatedBehaviour {
        startDelay = startDelay == null ? Duration.ZERO : startDelay;
        healthSequence = healthSequence == null ? List.of() : List.copyOf(healthSequence);
        output = output == null ? List.of() : List.copyOf(output);
    }

    /** Starts at once and runs until stopped, honouring SIGTERM (exit code 143). */
    public static SimulatedBehaviour runsForever() {
        return new SimulatedBehaviour(Duration.ZERO, null, 0, false, null, false, 143, null, List.of(), List.of(),
                0, 0);
    }

    /** Runs for {@code runFor}, then exits with {@code exitCode}. */
    public static SimulatedBehaviour exitsAfter(Duration runFor, int exitCode) {
        return runsForever().withRunFor(runFor, exitCode);
    }

    public SimulatedBehaviour withRunFor(Duration runFor, int exitCode) {
        return new SimulatedBehaviour(startDelay, runFor, exitCode, false, startFailure, ignoresSigterm,
                sigtermExitCode, healthInterval, healthSequence, output, cpuPercentOfOneCore, memoryBytes);
    }

    /** Is killed for using too much memory {@code after} its start. */
    public SimulatedBehaviour withOutOfMemoryAfter(Duration after) {
        return new SimulatedBehaviour(startDelay, after, 137, true, startFailure, ignoresSigterm, sigtermExitCode,
                healthInterval, healthSequence, output, cpuPercentOfOneCore, memoryBytes);
    }

    public SimulatedBehaviour withStartDelay(Duration delay) {
        return new SimulatedBehaviour(delay, runFor, exitCode, oomKilled, startFailure, ignoresSigterm,
                sigtermExitCode, healthInterval, healthSequence, output, cpuPercentOfOneCore, memoryBytes);
    }

    public SimulatedBehaviour withStartFailure(String message) {
        return new SimulatedBehaviour(startDelay, runFor, exitCode, oomKilled, message, ignoresSigterm,
                sigtermExitCode, healthInterval, healthSequence, output, cpuPercentOfOneCore, memoryBytes);
    }

    public SimulatedBehaviour ignoringSigterm() {
        return new SimulatedBehaviour(startDelay, runFor, exitCode, oomKilled, startFailure, true, sigtermExitCode,
                healthInterval, healthSequence, output, cpuPercentOfOneCore, memoryBytes);
    }

    /** Reports {@code sequence} one status per {@code interval} from its start (null interval: the spec's). */
    public SimulatedBehaviour withHealth(Duration interval, ContainerObservation.Health... sequence) {
        return new SimulatedBehaviour(startDelay, runFor, exitCode, oomKilled, startFailure, ignoresSigterm,
                sigtermExitCode, interval, List.of(sequence), output, cpuPercentOfOneCore, memoryBytes);
    }

    /** Adds lines written to stdout at start. */
    public SimulatedBehaviour withStdout(String... lines) {
        return withOutput("stdout", lines);
    }

    /** Adds lines written to stderr at start. */
    public SimulatedBehaviour withStderr(String... lines) {
        return withOutput("stderr", lines);
    }

    private SimulatedBehaviour withOutput(String stream, String... lines) {
        List<Output> more = new ArrayList<>(output);
        for (String line : lines) {
            more.add(new Output(stream, line));
        }
        return new SimulatedBehaviour(startDelay, runFor, exitCode, oomKilled, startFailure, ignoresSigterm,
                sigtermExitCode, healthInterval, healthSequence, more, cpuPercentOfOneCore, memoryBytes);
    }

    public SimulatedBehaviour withUsage(double cpuPercentOfOneCore, long memoryBytes) {
        return new SimulatedBehaviour(startDelay, runFor, exitCode, oomKilled, startFailure, ignoresSigterm,
                sigtermExitCode, healthInterval, healthSequence, output, cpuPercentOfOneCore, memoryBytes);
    }
}

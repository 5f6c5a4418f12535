package dev.ecsd.bench;

import dev.ecsd.testing.BoundedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs a command such as {@code docker service create} as a user would type it, bounded in time. */
final class Commands {
    private Commands() {
    }

    /** What a command printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
        /** The output, or a failure naming the command when it did not exit 0. */
        String orFail(List<String> command) {
            if (exitCode != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exitCode + ": " + output);
            }
            return output;
        }
    }

    static Result run(Duration timeout, List<String> command) {
        BoundedProcess.Result result = BoundedProcess.run(timeout, command);
        return new Result(result.exitCode(), result.output());
    }

    /** Runs the command and answers its output; a non-zero exit is a failure. */
    static String check(Duration timeout, String... command) {
        return run(timeout, List.of(command)).orFail(List.of(command));
    }

    /** The first figure of /proc/loadavg (the one-minute load), or -1 where there is none. */
    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** /proc/loadavg as it reads. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}

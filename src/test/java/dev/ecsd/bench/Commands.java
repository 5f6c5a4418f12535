package dev.ecsd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        try {
            Path output = Files.createTempFile("ecsd-bench-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

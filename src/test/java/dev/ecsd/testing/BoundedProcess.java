package dev.ecsd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command line (docker, say) to its end within a deadline, and answers how it exited and what it printed. */
public final class BoundedProcess {
    private BoundedProcess() {
    }

    /** What a command printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code command}; one still running after {@code timeout} is killed and fails. */
    public static Result run(Duration timeout, List<String> command) {
        try {
            Path output = Files.createTempFile("ecsd-command-", ".out");
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
}

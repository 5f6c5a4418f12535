package dev.ecsd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The docker CLI with a config directory of the benchmark's own, so its {@code docker login} never touches the
 * user's ~/.docker; every command bounded in time. Its directory also holds the benchmark's scratch files, and
 * goes with {@link #close()}.
 */
final class PrivateDocker implements AutoCloseable {
    private final Path directory;
    private final Path config;
    private final Duration timeout;

    private PrivateDocker(Path directory, Duration timeout) {
        this.directory = directory;
        this.config = directory.resolve("docker-config");
        this.timeout = timeout;
    }

    /** A fresh, private (0700) directory for the config and the scratch files. */
    static PrivateDocker create(Duration timeout) {
        try {
            Path directory = Files.createTempDirectory("ecsd-bench-docker-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(directory.resolve("docker-config"));
            return new PrivateDocker(directory, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path in the private directory for a scratch file (not created). */
    Path file(String name) {
        return directory.resolve(name);
    }

    /** {@code docker <arguments>} as it exited, without failing. */
    Commands.Result run(String... arguments) {
        return Commands.run(timeout, command(arguments));
    }

    /** {@code docker <arguments>}; its output, or a failure naming it when it did not exit 0. */
    String check(String... arguments) {
        List<String> command = command(arguments);
        return Commands.run(timeout, command).orFail(command);
    }

    /** Seconds {@code docker <arguments>} took to exit 0 (start of the CLI included, as a user pays it). */
    Timed timed(String... arguments) {
        List<String> command = command(arguments);
        long start = System.nanoTime();
        String output = Commands.run(timeout, command).orFail(command);
        return new Timed(StartTimes.seconds(start, System.nanoTime()), output);
    }

    /**
     * Seconds a bash pipeline took to exit 0 (with pipefail, so a failing stage fails it); in {@code script},
     * {@code $DOCKER} is the docker command with this config and {@code $1...} are {@code arguments}.
     */
    Timed timedPipeline(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; DOCKER=\"docker --config $0\"; " + script, config.toString()));
        command.addAll(List.of(arguments));
        long start = System.nanoTime();
        String output = Commands.run(timeout, command).orFail(command);
        return new Timed(StartTimes.seconds(start, System.nanoTime()), output);
    }

    /**
     * {@code docker login} as ECR's users do it, the password on standard input ({@code --password-stdin}) from a
     * 0600 file in the private directory, so it shows in no process list.
     */
    void login(String registry, String password) {
        Path secret = file("password");
        try {
            Files.writeString(secret, password, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            List<String> command = List.of("bash", "-c",
                    "docker --config \"$0\" login --username AWS --password-stdin \"$1\" < \"$2\"",
                    config.toString(), registry, secret.toString());
            String output = Commands.run(timeout, command).orFail(List.of("docker", "login", registry));
            if (!output.contains("Login Succeeded")) {
                throw new IllegalStateException("docker login " + registry + " did not succeed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(secret);
            } catch (IOException e) {
                // the directory goes at close
            }
        }
    }

    private List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "--config", config.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Deletes the config (the login's credentials) and the scratch files. */
    @Override
    public void close() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }

    /** How long a command took and what it printed. */
    record Timed(double seconds, String output) {
    }
}

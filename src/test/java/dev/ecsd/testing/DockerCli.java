package dev.ecsd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker} command line, for tests that check what ecsd did to the engine through a client other than
 * the one ecsd itself uses: inspect, list by label, remove. Every call is bounded in time.
 */
public final class DockerCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private DockerCli() {
    }

    /** {@code docker inspect} of one container, or null when it does not exist. */
    public static JsonNode inspect(String container) {
        Result result = run("docker", "inspect", "--type", "container", container);
        if (result.exitCode != 0) {
            if (result.output.contains("No such")) {
                return null;
            }
            throw new IllegalStateException("docker inspect " + container + " failed: " + result.output);
        }
        try {
            return JSON.readTree(result.output).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of every container, running or not, carrying {@code label=value}. */
    public static List<String> containerIds(String label, String value) {
        Result result = run("docker", "ps", "-a", "-q", "--no-trunc", "--filter", "label=" + label + "=" + value);
        if (result.exitCode != 0) {
            throw new IllegalStateException("docker ps failed: " + result.output);
        }
        return result.output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** What a container wrote to stdout and stderr, as {@code docker logs} prints it. */
    public static String logs(String container) {
        Result result = run("docker", "logs", container);
        if (result.exitCode != 0) {
            throw new IllegalStateException("docker logs " + container + " failed: " + result.output);
        }
        return result.output;
    }

    /** {@code docker exec}: runs a command in a running container; answers its output, and fails when it fails. */
    public static String exec(String container, String... command) {
        List<String> arguments = new ArrayList<>(List.of("docker", "exec", container));
        arguments.addAll(List.of(command));
        Result result = run(arguments.toArray(String[]::new));
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", arguments) + " failed: " + result.output);
        }
        return result.output;
    }

    /**
     * {@code docker rm -f}: removes the containers, whatever their state. A container already gone, or whose removal
     * the server under test has already started, is not a failure: it is going anyway.
     */
    public static void removeForcibly(List<String> containers) {
        if (containers.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("docker", "rm", "-f"));
        command.addAll(containers);
        Result result = run(command.toArray(String[]::new));
        boolean onlyAlreadyGoing = result.output.lines().filter(line -> line.startsWith("Error"))
                .allMatch(line -> line.contains("No such") || line.contains("is already in progress"));
        if (result.exitCode != 0 && !onlyAlreadyGoing) {
            throw new IllegalStateException("docker rm -f failed: " + result.output);
        }
    }

    /** Removes every container and volume labelled with an ecsd instance id: a test's cleanup of its server's work. */
    public static void removeEverythingOf(String instanceId) {
        removeForcibly(containerIds("dev.ecsd.instance", instanceId));
        Result volumes = run("docker", "volume", "ls", "-q", "--filter", "label=dev.ecsd.instance=" + instanceId);
        for (String volume : volumes.output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            run("docker", "volume", "rm", "-f", volume);
        }
    }

    /** The instance id an ecsd server labels its containers with, read from its data directory. */
    public static String instanceIdOf(Path dataDirectory) {
        try {
            return Files.readString(dataDirectory.resolve("instance-id")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Docker's time of a state field ({@code StartedAt}, {@code FinishedAt}) of an inspected container. */
    public static Instant stateTime(JsonNode inspected, String field) {
        return Instant.parse(inspected.path("State").path(field).asText());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) {
        BoundedProcess.Result result = BoundedProcess.run(Duration.ofSeconds(TIMEOUT_SECONDS), List.of(command));
        return new Result(result.exitCode(), result.output());
    }
}

package dev.ecsd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Raw {@code docker run -d}, the benchmarks' floor: N commands started at once, as a shell loop of
 * {@code docker run -d ... &} followed by {@code wait} starts them (no bound but N itself), each container on the
 * default bridge with port 8080 published on an ephemeral port of 127.0.0.1, as ecsd publishes an awsvpc task's.
 * Removal goes ten containers per {@code docker rm -f}, one command at a time: the Debian engine here deadlocked
 * under 50 parallel removals.
 */
final class DockerRuns {
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private DockerRuns() {
    }

    /** Starts {@code count} containers labelled {@code LABEL=run}, timed until all are running (the first too). */
    static StartTimes start(String image, int count, String run) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--label", Workload.LABEL + "=" + run,
                "-p", "127.0.0.1::" + Workload.PORT, "-e", "REV=1", image));
        command.addAll(Workload.COMMAND);
        try (ExecutorService shell = Executors.newFixedThreadPool(count)) {
            long start = System.nanoTime();
            List<Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                runs.add(shell.submit(() -> {
                    Commands.run(CLI_TIMEOUT, command).orFail(command);
                    return System.nanoTime();
                }));
            }
            StartTimes times = StartTimes.await(count + " x docker run", start, Double.NaN, count,
                    () -> EngineApi.runningContainers(Workload.LABEL + "=" + run), StartTimes.POLL, TIMEOUT);
            long lastReturned = start;
            for (Future<Long> one : runs) {
                lastReturned = Math.max(lastReturned, one.get());
            }
            return new StartTimes(times.firstSeconds(), times.halfSeconds(), times.allSeconds(),
                    StartTimes.seconds(start, lastReturned));
        } catch (ExecutionException e) {
            throw new IllegalStateException("a docker run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One {@code docker run -d}, timed until the engine reports it running, polled at {@code interval} from the moment
     * the command is launched: the same instrument as ecsd's side, whose poller runs while its container starts
     * (polling only once {@code docker run} had returned spared the engine's start the poller's CPU on this side only).
     */
    static OneStart startOne(String image, String run, Duration interval) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--label", Workload.LABEL + "=" + run,
                "-p", "127.0.0.1::" + Workload.PORT, "-e", "REV=1", image));
        command.addAll(Workload.COMMAND);
        try (ExecutorService shell = Executors.newSingleThreadExecutor()) {
            Instant launched = Instant.now();
            long start = System.nanoTime();
            Future<String> launch = shell.submit(() -> Commands.run(CLI_TIMEOUT, command).orFail(command).strip());
            double seconds = StartTimes.await("docker run", start, Double.NaN, 1,
                    () -> EngineApi.runningContainers(Workload.LABEL + "=" + run), interval, TIMEOUT).allSeconds();
            String id = launch.get();
            // the engine's State.StartedAt: when it started the container's process, as the engine recorded it
            Instant startedAt = Instant.parse(Commands.check(CLI_TIMEOUT, "docker", "inspect", "--format",
                    "{{.State.StartedAt}}", id).strip());
            return new OneStart(seconds, Duration.between(launched, startedAt).toNanos() / 1e9);
        } catch (ExecutionException e) {
            throw new IllegalStateException("docker run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes every container carrying {@code label} ({@code key} or {@code key=value}) and waits until none is left. */
    static void removeAll(String label) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<String> ids = new ArrayList<>();
            for (JsonNode container : EngineApi.containers(true, label)) {
                ids.add(container.path("Id").asText());
            }
            if (ids.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(ids.size() + " containers labelled " + label + " remain after "
                        + TIMEOUT);
            }
            for (int i = 0; i < ids.size(); i += 10) {
                List<String> remove = new ArrayList<>(List.of("docker", "rm", "-f"));
                remove.addAll(ids.subList(i, Math.min(ids.size(), i + 10)));
                // a container already going is no failure: the next pass sees whether it went
                Commands.run(CLI_TIMEOUT, remove);
            }
        }
    }
}

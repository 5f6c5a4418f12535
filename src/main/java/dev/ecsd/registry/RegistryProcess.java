package dev.ecsd.registry;

import dev.ecsd.time.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNCF Distribution registry ({@code docker-registry serve}) as ecsd's child: configured in the data
 * directory, started on a free loopback port, restarted with a back-off when it dies, stopped when ecsd stops, and
 * never left running when ecsd is killed. A missing program is said once at start; {@link #available()} is then
 * false and the rest of ecsd works.
 *
 * <p>It runs under a small {@code sh} wrapper that holds a pipe from this JVM on its standard input and kills the
 * registry when that pipe closes, which the kernel does when the JVM dies for any reason, SIGKILL included. The
 * registry's pid is also kept in {@code registry.pid}: a registry a previous ecsd left (its wrapper killed with it)
 * is stopped at start.
 *
 * <p>The supervisor waits in real time: it watches a real process, and its tests run real processes.
 */
public final class RegistryProcess implements AutoCloseable {
    public static final Path PROGRAM = Path.of("/usr/bin/docker-registry");
    /** What a user is told when the program is missing: at startup, and in every registry request's answer. */
    public static final String INSTALL_ADVICE = "ecsd's image registry needs the CNCF Distribution registry "
            + "(/usr/bin/docker-registry): apt-get install -y docker-registry, then restart ecsd";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A registry that ran this long before it died starts again after the first back-off, not a longer one. */
    private static final Duration STABLE = Duration.ofMinutes(1);
    /**
     * $1 program, $2 config, $3 pid file. The pipe from the JVM is kept as fd 3 because an asynchronous list of a
     * non-interactive shell gets /dev/null as its standard input; the watcher reads it to its end, then kills the
     * registry. The wrapper exits with the registry, so the JVM sees a registry that died by itself.
     */
    private static final String WRAPPER = """
            exec 3<&0
            "$1" serve "$2" </dev/null 3<&- &
            child=$!
            echo "$child" > "$3.tmp" && mv "$3.tmp" "$3"
            { cat >/dev/null; kill "$child" 2>/dev/null; } <&3 &
            watcher=$!
            exec 3<&-
            wait "$child"
            status=$?
            kill "$watcher" 2>/dev/null
            exit "$status"
            """;

    private final Path program;
    private final Path directory;
    /** Paces restarts: the back-off and how long a registry ran are on the server's time. */
    private final Timer timer;
    private final Path configFile;
    private final Path pidFile;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Object lock = new Object();
    private final String secret;
    private Process wrapper;
    private Thread supervisor;
    private volatile int port = -1;
    private volatile boolean closed;

    /** A registry of {@code program} keeping everything (config, storage, pid, log) in {@code directory}. */
    public RegistryProcess(Path program, Path directory, Timer timer) {
        this.program = program;
        this.directory = directory;
        this.timer = timer;
        this.configFile = directory.resolve("config.yml");
        this.pidFile = directory.resolve("registry.pid");
        this.logFile = directory.resolve("registry.log");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random);
    }

    /** The registry of Debian's package, in {@code <data>/registry}. */
    public static RegistryProcess inDataDirectory(Path dataDirectory, Timer timer) {
        return new RegistryProcess(PROGRAM, dataDirectory.resolve("registry"), timer);
    }

    /**
     * Stops a registry a previous ecsd left, starts this one and waits until it answers {@code GET /v2/}, then
     * supervises it. A missing program is logged with what to install, and nothing starts; so is a registry that
     * cannot be started at all: the rest of ecsd does not depend on it.
     */
    public void start() {
        if (!Files.isExecutable(program)) {
            LOG.warn("NO IMAGE REGISTRY: {}. Everything else works; docker login, push and pull to ecsd answer 503 "
                    + "until it is installed.", INSTALL_ADVICE);
            return;
        }
        Process first;
        try {
            Files.createDirectories(directory.resolve("storage"));
            stopLeftover();
            first = launch();
        } catch (IOException e) {
            LOG.warn("NO IMAGE REGISTRY: {} could not be started in {}: {}. Everything else works; registry "
                    + "requests answer 503.", program, directory, e.getMessage());
            return;
        }
        supervisor = Thread.ofPlatform().daemon().name("ecsd-registry-supervisor").start(() -> supervise(first));
    }

    /** Whether the registry runs and answers now. */
    public boolean available() {
        return port > 0;
    }

    /** Whether the registry program is there to run. */
    public boolean installed() {
        return Files.isExecutable(program);
    }

    /** The registry's own loopback port, or -1 while it does not run. */
    public int port() {
        return port;
    }

    /** The registry's own log: its warnings, and its output when it fails to start. */
    public Path logFile() {
        return logFile;
    }

    private Process launch() throws IOException {
        int chosen = freePort();
        Files.writeString(configFile, new RegistryConfig(directory.resolve("storage"), chosen, secret).yaml());
        Process started;
        synchronized (lock) {
            if (closed) {
                throw new IOException("ecsd is stopping");
            }
            started = new ProcessBuilder("/bin/sh", "-c", WRAPPER, "ecsd-registry", program.toString(),
                    configFile.toString(), pidFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            wrapper = started;
        }
        if (awaitReady(started, chosen)) {
            port = chosen;
            LOG.info("image registry (docker-registry, pid {}) on 127.0.0.1:{}, data in {}",
                    readPid().map(String::valueOf).orElse("?"), chosen, directory);
        } else if (started.isAlive() && !closed) {
            // stopped, so that the supervisor starts it again instead of waiting on one that never answers
            LOG.warn("the image registry did not answer GET /v2/ within {}; stopping it (see {})", READY_TIMEOUT,
                    logFile);
            closeQuietly(started);
        }
        return started;
    }

    private void supervise(Process first) {
        Process current = first;
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            Instant started = timer.instant();
            int exit;
            try {
                exit = current.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            port = -1;
            closeQuietly(current);
            if (closed) {
                return;
            }
            backoff = Duration.between(started, timer.instant()).compareTo(STABLE) >= 0 ? FIRST_BACKOFF : backoff;
            LOG.warn("the image registry exited with code {}; starting it again in {} s (its log: {})", exit,
                    backoff.toSeconds(), logFile);
            try {
                CountDownLatch due = new CountDownLatch(1);
                timer.scheduleAfter(backoff, due::countDown);
                due.await();
                current = launch();
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("the image registry could not be started again: {}", e.getMessage());
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private boolean awaitReady(Process process, int chosen) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chosen + "/v2/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline && process.isAlive() && !closed) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                // a real child process coming up, polled on real time: a server on virtual time (tests) starts one
                // too, and would otherwise wait for a step of time that nothing takes during its start
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** A registry whose pid the file names, still running this directory's configuration: stopped. */
    private void stopLeftover() {
        Optional<ProcessHandle> leftover = readPid().flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive).filter(this::runsOurConfig);
        leftover.ifPresent(process -> {
            LOG.warn("stopping the image registry a previous ecsd left running (pid {})", process.pid());
            stop(process);
        });
    }

    private boolean runsOurConfig(ProcessHandle process) {
        try {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"),
                    StandardCharsets.UTF_8);
            return commandLine.contains(configFile.toString()) && commandLine.contains("serve");
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes every repository of a region from the registry's storage (POST /_ecsd/reset): their tags and manifests
     * go at once, as the registry keeps no cache of them; the blobs stay until they are collected.
     */
    public void wipeRegion(String region) {
        if (!region.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("not a region: " + region);
        }
        Path repositories = directory.resolve("storage/docker/registry/v2/repositories").resolve(region);
        if (!Files.isDirectory(repositories)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(repositories)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the registry's repositories of " + region + " could not be removed", e);
        }
    }

    /** Stops the registry (the wrapper kills it when its pipe closes) and waits for it to be gone. */
    @Override
    public void close() {
        Process last;
        synchronized (lock) {
            closed = true;
            last = wrapper;
        }
        port = -1;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        if (last == null) {
            return;
        }
        Optional<ProcessHandle> registry = readPid().flatMap(ProcessHandle::of).filter(this::runsOurConfig);
        closeQuietly(last);
        try {
            if (!last.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                last.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.filter(ProcessHandle::isAlive).ifPresent(RegistryProcess::stop);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is checked against the process's command line before it is acted on
        }
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** Closing the wrapper's standard input is what tells it to stop the registry. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package dev.ecsd.bench;

import dev.ecsd.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An ecsd server in its own JVM with a bounded heap, for benchmarks that report the server's memory honestly: its
 * GC log gives the heap after each collection, {@code jcmd} the heap after a full collection, /proc its RSS. It
 * runs with {@code -XX:+ExitOnOutOfMemoryError}, so a heap that does not fit ends the process for all to see.
 */
final class BenchServer implements AutoCloseable {
    /**
     * The JVM options ./ecsd gives every server (generational ZGC with a soft heap limit; -XX:+ZGenerational only
     * on 21 and 22, where it is not yet the default: the flag is obsolete from 24), so that a benchmark measures
     * the server users run; options a benchmark adds come after and override them (-XX:+UseG1GC for G1). Keep in
     * step with ./ecsd.
     */
    static final List<String> ECSD_DEFAULT_JVM = Runtime.version().feature() < 23
            ? List.of("-XX:+UseZGC", "-XX:+ZGenerational", "-XX:SoftMaxHeapSize=1g")
            : List.of("-XX:+UseZGC", "-XX:SoftMaxHeapSize=1g");
    /** What the GC log holds: G1's pauses are its [gc] lines, ZGC's are only in gc+phases. */
    static final String GC_LOG_TAGS = "-Xlog:gc,gc+phases:file=";

    private final Path directory;
    private final Path gcLog;
    private final Path log;
    private final int port;
    private final Process process;

    private BenchServer(Path directory, int port, Process process) {
        this.directory = directory;
        this.gcLog = directory.resolve("gc.log");
        this.log = directory.resolve("server.log");
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code ecsd server} with {@code jvmOptions} and {@code serverOptions} on a fresh data directory and
     * a free port, and waits until it answers its health check.
     */
    static BenchServer start(List<String> jvmOptions, List<String> serverOptions) throws Exception {
        Path directory = Files.createTempDirectory("ecsd-bench-server-");
        int port = FreePorts.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(jvmOptions));
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", GC_LOG_TAGS + directory.resolve("gc.log"),
                "-cp", System.getProperty("java.class.path"), "dev.ecsd.cli.Main", "server",
                "--port", Integer.toString(port), "--data-dir", directory.resolve("data").toString(),
                "--task-endpoint-port", "0"));
        command.addAll(serverOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ECSD_"));
        BenchServer server = new BenchServer(directory, port, builder.start());
        server.awaitHealthy();
        return server;
    }

    /**
     * ./ecsd's options, then {@code benchmark}'s; without ./ecsd's when {@code benchmark} selects another collector
     * (-XX:+UseG1GC), since a JVM given two refuses to start ("Multiple garbage collectors selected") rather than
     * let the later win, and ./ecsd's other options tune ZGC only.
     */
    static List<String> jvmOptions(List<String> benchmark) {
        boolean otherCollector = benchmark.stream()
                .anyMatch(option -> option.matches("-XX:\\+Use\\w*GC") && !option.equals("-XX:+UseZGC"));
        List<String> options = new ArrayList<>(otherCollector ? List.of() : ECSD_DEFAULT_JVM);
        options.addAll(benchmark);
        return options;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The server's resident set now and its peak so far, from /proc, in MiB. */
    String rss() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"));
            return "RSS " + kibToMib(field(status, "VmRSS:")) + " MiB (peak " + kibToMib(field(status, "VmHWM:"))
                    + " MiB)";
        } catch (IOException e) {
            return "RSS unknown (" + e.getMessage() + ")";
        }
    }

    /** CPU time the server has used so far (user + system), in seconds, from /proc. */
    double cpuSeconds() {
        return cpuSeconds(pid());
    }

    /** CPU time process {@code pid} has used so far (user + system), in seconds, from /proc (100 ticks a second). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3, utime 14 and stime 15 of the whole line
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The server's data directory ({@code --data-dir}). */
    Path dataDirectory() {
        return directory.resolve("data");
    }

    /** The collector, its collections, the most heap in use after and before one, and its pauses: the GC log. */
    String heapFromGcLog() {
        try {
            return GcLog.read(gcLog).summary();
        } catch (IOException e) {
            return "GC log unreadable: " + e.getMessage();
        }
    }

    /** Runs a full collection in the server ({@code jcmd GC.run}) and reports the heap then in use, in MiB. */
    String heapAfterFullGc() throws Exception {
        jcmd("GC.run");
        return GcLog.heapInfo(jcmd("GC.heap_info"));
    }

    /** The first {@code lines} lines of the server's class histogram (live objects, after a full GC), largest first. */
    String classHistogram(int lines) throws Exception {
        return jcmd("GC.class_histogram").lines().limit(lines).collect(Collectors.joining("\n"));
    }

    private String jcmd(String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true)
                .start();
        String output = new String(run.getInputStream().readAllBytes());
        if (!run.waitFor(60, TimeUnit.SECONDS)) {
            run.destroyForcibly();
        }
        return output;
    }

    private void awaitHealthy() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < until) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/_ecsd/health"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the server did not become healthy in 90 s");
    }

    @Override
    public void close() {
        // SIGTERM first: a JFR recording with dumponexit=true is written on the way out
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is no reason to fail a benchmark
        }
    }

    private static long field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name))
                .map(line -> Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]))
                .findFirst().orElse(0L);
    }

    private static long kibToMib(long kib) {
        return kib / 1024;
    }
}

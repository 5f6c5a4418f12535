package dev.ecsd.bench;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The API's throughput and tail (not a test): one DescribeClusters, signed once, replayed by wrk (Debian's
 * package) against a server process on the simulated runtime, at 1, 8 and 64 connections. Every request is verified
 * in full (the signature is checked on each; it stays valid for the 15 minutes a signature may be old), and any
 * answer but 200 is counted and reported. Beside each figure, the same wrk against nginx answering the same bytes
 * from memory: what the machine and the client allow at most. Also printed: the server's CPU seconds and GC pauses
 * during each run, its resident memory, and the load average.
 *
 * <p>wrk corrects its latencies for coordinated omission: a response slower than twice the mean adds samples for
 * the requests it held up, so its p99 is that of a client sending at a steady rate, which is what a test suite feels.
 *
 * <p>Run with {@code ./run-benchmark api [seconds]} (default 10 s a run, after an 8 s warm-up).
 */
public final class ApiBenchmark {
    private static final String TARGET = "AmazonEC2ContainerServiceV20141113.DescribeClusters";
    private static final String BODY = "{\"clusters\":[\"perf\"]}";
    private static final int[] CONNECTIONS = {1, 8, 64};

    private ApiBenchmark() {
    }

    /** One wrk run's figures. */
    record Run(String label, int connections, double perSecond, String p50, String p90, String p99, String max,
            long failures, double serverCpuSeconds, int gcPauses, double gcMillis) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path wrk = Path.of("/usr/bin/wrk");
                for (Path tool : List.of(wrk, Nginx.EXECUTABLE)) {
            if (!Files.isExecutable(tool)) {
                System.err.println(tool + " is missing: apt-get install -y wrk nginx-light");
                System.exit(2);
            }
        }
        Path work = Files.createTempDirectory("ecsd-api-bench-");
        System.out.printf("load average at start: %s%n", loadAverage());
        List<Run> runs = new ArrayList<>();
        long rssKib;
        Process server = startServer(work);
        try {
            int port = portOf(work);
            createCluster(port);
            Path script = writeScript(work, port);
            wrk(wrk, script, port, 2, 8, 8); // warm-up: the JIT compiles the request path
            for (int connections : CONNECTIONS) {
                runs.add(measure("ecsd", wrk, script, port, connections, seconds, server, work.resolve("gc.log")));
            }
            rssKib = residentKib(server.pid());
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        int nginxPort = FreePorts.freePort();
        Process proxy = startNginx(work, nginxPort);
        try {
            Path script = writeScript(work, nginxPort);
            wrk(wrk, script, nginxPort, 2, 8, 4);
            for (int connections : CONNECTIONS) {
                runs.add(measure("nginx", wrk, script, nginxPort, connections, seconds, null, null));
            }
        } finally {
            proxy.destroy();
            proxy.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("%nDescribeClusters (one cluster, %d-byte request) replayed by wrk, %d s a run:%n",
                BODY.length(), seconds);
        System.out.printf("%-6s %5s %10s %9s %9s %9s %9s %8s %8s %14s%n", "server", "conns", "requests/s", "p50",
                "p90", "p99", "max", "non-200", "CPU s", "GC pauses (ms)");
        for (Run run : runs) {
            System.out.printf("%-6s %5d %,10.0f %9s %9s %9s %9s %8d %8s %14s%n", run.label(), run.connections(),
                    run.perSecond(), run.p50(), run.p90(), run.p99(), run.max(), run.failures(),
                    run.serverCpuSeconds() < 0 ? "-" : String.format("%.1f", run.serverCpuSeconds()),
                    run.gcPauses() < 0 ? "-" : run.gcPauses() + " (" + String.format("%.1f", run.gcMillis()) + ")");
        }
        System.out.printf("ecsd's resident memory after the runs: %d MiB%n", rssKib / 1024);
        System.out.printf("load average at end: %s%n", loadAverage());
        deleteRecursively(work);
        if (runs.stream().anyMatch(run -> run.failures() > 0)) {
            System.err.println("some requests were not answered 200: the figures above are not of verified requests");
            System.exit(1);
        }
    }

    private static Process startServer(Path work) throws IOException {
        // ./ecsd's JVM options, so that the figures are of the server users run
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(BenchServer.ECSD_DEFAULT_JVM);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", BenchServer.GC_LOG_TAGS + work.resolve("gc.log"),
                "-cp", System.getProperty("java.class.path"), "dev.ecsd.cli.Main", "server",
                "--port", "0", "--data-dir", work.resolve("data").toString(), "--runtime", "simulated",
                "--no-task-endpoint"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("server.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ECSD_"));
        Process process = builder.start();
        Awaitility.await("the server to say its port").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the server exited: " + Files.readString(
                                work.resolve("server.log")));
                    }
                    return portOf(work) > 0;
                });
        return process;
    }

    /** The port the server listens on, from its log line ("listening on http://127.0.0.1:PORT"), or 0. */
    private static int portOf(Path work) throws IOException {
        Matcher matcher = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(
                Files.readString(work.resolve("server.log")));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static void createCluster(int port) {
        try (EcsClient ecs = TestServer.client(EcsClient.builder().httpClient(UrlConnectionHttpClient.create()),
                URI.create("http://127.0.0.1:" + port))) {
            ecs.createCluster(r -> r.clusterName("perf"));
        }
    }

    /** A wrk script sending one DescribeClusters signed now (SigV4, as the SDK signs it), and counting non-200s. */
    private static Path writeScript(Path work, int port) throws IOException {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:" + port + "/"))
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
                .putProperty(AwsV4HttpSigner.REGION_NAME, Region.US_EAST_1.id()));
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.body = '" + BODY + "'\n");
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host")) {
                lua.append("wrk.headers[\"").append(header.getKey()).append("\"] = \"")
                        .append(header.getValue().getFirst()).append("\"\n");
            }
        }
        // Each wrk thread counts its own non-200 answers; done() sums them over the threads.
        lua.append("""
                local threads = {}
                setup = function(thread) table.insert(threads, thread) end
                init = function(args) failures = 0 end
                response = function(status, headers, body) if status ~= 200 then failures = failures + 1 end end
                done = function(summary, latency, requests)
                  local total = 0
                  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
                  io.write(string.format("failures %d\\n", total))
                end
                """);
        Path script = work.resolve("describe-" + port + ".lua");
        Files.writeString(script, lua);
        return script;
    }

    private static Run measure(String label, Path wrk, Path script, int port, int connections, int seconds,
            Process server, Path gcLog) throws Exception {
        long cpuBefore = server == null ? 0 : cpuTicks(server.pid());
        int gcBefore = gcLog == null ? 0 : pauses(gcLog).size();
        String output = wrk(wrk, script, port, connections == 1 ? 1 : 2, connections, seconds);
        double cpu = server == null ? -1 : (cpuTicks(server.pid()) - cpuBefore) / 100.0;
        List<Double> gc = gcLog == null ? List.of() : pauses(gcLog).subList(gcBefore, pauses(gcLog).size());
        return new Run(label, connections, number(output, "Requests/sec:\\s+([0-9.]+)"),
                text(output, "\\s50%\\s+(\\S+)"), text(output, "\\s90%\\s+(\\S+)"), text(output, "\\s99%\\s+(\\S+)"),
                text(output, "Latency\\s+\\S+\\s+\\S+\\s+(\\S+)"),
                (long) number(output, "failures (\\d+)") + socketErrors(output),
                cpu, gcLog == null ? -1 : gc.size(), gc.stream().mapToDouble(Double::doubleValue).sum());
    }

    private static String wrk(Path wrk, Path script, int port, int threads, int connections, int seconds)
            throws Exception {
        Process process = new ProcessBuilder(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "5s", "-s", script.toString(), "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        return output;
    }

    private static Process startNginx(Path work, int port) throws Exception {
        return Nginx.start(work, port, """
                daemon off;
                worker_processes auto;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s;
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      default_type application/x-amz-json-1.1;
                      return 200 '{"clusters":[{"clusterArn":"arn:aws:ecs:us-east-1:000000000000:cluster/perf"}]}';
                    }
                  }
                }
                """.formatted(work, port));
    }

    /** The server's stop-the-world pauses so far (G1's or ZGC's), in ms. */
    private static List<Double> pauses(Path gcLog) throws IOException {
        return GcLog.read(gcLog).pausesMillis();
    }

    /** User and system CPU of a process, in clock ticks (1/100 s on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long residentKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static double number(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** wrk's "Socket errors: connect N, read N, write N, timeout N", summed (the line is absent when all are 0). */
    private static long socketErrors(String output) {
        Matcher line = Pattern.compile("Socket errors:(.*)").matcher(output);
        return line.find() ? Pattern.compile("\\d+").matcher(line.group(1)).results()
                .mapToLong(number -> Long.parseLong(number.group())).sum() : 0;
    }

    private static String text(String output, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

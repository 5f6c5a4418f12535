package dev.ecsd.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Small reads of the Docker Engine API over its unix socket, for the benchmarks' pollers: one request per poll
 * (not a {@code docker} process, whose start costs a loaded 2-core machine more than the answer), each bounded in
 * time. HTTP/1.0, so the engine answers without chunking and closes the connection.
 */
final class EngineApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOCKET = Path.of("/var/run/docker.sock");
    private static final long TIMEOUT_SECONDS = 15;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "engine-api-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private EngineApi() {
    }

    /** How many containers carrying every one of {@code labels} ({@code key=value}) are running. */
    static int runningContainers(String... labels) {
        return containers(false, labels).size();
    }

    /** The containers, running or not, carrying every one of {@code labels} ({@code key=value} or {@code key}). */
    static JsonNode containers(boolean all, String... labels) {
        Map<String, Object> filters = all ? Map.of("label", labels)
                : Map.of("label", labels, "status", new String[] {"running"});
        return get("/containers/json?all=" + (all ? 1 : 0) + "&filters=" + filters(filters));
    }

    /** How many tasks of a Swarm service that should run are running. */
    static int runningSwarmTasks(String service) {
        int running = 0;
        JsonNode tasks = get("/tasks?filters=" + filters(Map.of("service", new String[] {service},
                "desired-state", new String[] {"running"})));
        for (JsonNode task : tasks) {
            if ("running".equals(task.path("Status").path("State").asText())) {
                running++;
            }
        }
        return running;
    }

    /** A Swarm service's UpdateStatus.State ({@code updating}, {@code completed}, ...), or "" before any update. */
    static String swarmUpdateState(String service) {
        return get("/services/" + service).path("UpdateStatus").path("State").asText("");
    }

    /** This engine's Swarm state: {@code inactive}, {@code active}, {@code pending}, {@code error}, {@code locked}. */
    static String swarmState() {
        return get("/info").path("Swarm").path("LocalNodeState").asText("");
    }

    private static String filters(Map<String, Object> filters) {
        try {
            return URLEncoder.encode(JSON.writeValueAsString(filters), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET of one engine path; a status other than 200 is a failure. */
    static JsonNode get(String target) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // a blocked read on a channel ends when the channel is closed: the watchdog bounds the whole exchange
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(channel), TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
            try {
                channel.connect(UnixDomainSocketAddress.of(SOCKET));
                channel.write(ByteBuffer.wrap(("GET " + target + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                byte[] response = Channels.newInputStream(channel).readAllBytes();
                return parse(target, new String(response, StandardCharsets.UTF_8));
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("engine GET " + target + " failed or took over " + TIMEOUT_SECONDS + " s",
                    e);
        }
    }

    private static JsonNode parse(String target, String response) throws IOException {
        int headerEnd = response.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IOException("engine GET " + target + ": no complete response");
        }
        String head = response.substring(0, headerEnd);
        String status = head.lines().findFirst().orElse("");
        if (!status.contains(" 200 ")) {
            throw new IOException("engine GET " + target + ": " + status + " " + response.substring(headerEnd + 4));
        }
        if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            throw new IOException("engine GET " + target + ": a chunked answer to an HTTP/1.0 request");
        }
        return JSON.readTree(response.substring(headerEnd + 4));
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is how a stuck read is abandoned; a failure to close changes nothing
        }
    }
}

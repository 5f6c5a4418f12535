package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.listener;
import static dev.ecsd.lb.ElbFixtures.loadBalancer;
import static dev.ecsd.lb.ElbFixtures.target;
import static dev.ecsd.lb.ElbFixtures.targetGroupArn;

import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.time.SystemTimer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Not a test: how much time the listener adds to a request on loopback. It sends the same keep-alive GETs to a
 * small Jetty target directly and through a listener, one connection in turn and then several at once, and
 * prints latency percentiles and throughput. Run by hand:
 * {@code java -cp target/test-classes:target/classes:<dependencies> dev.ecsd.lb.ProxyOverhead [requests] [connections]}.
 */
public final class ProxyOverhead {
    private static final byte[] BODY = "hello from the target\n".getBytes(StandardCharsets.US_ASCII);

    private ProxyOverhead() {
    }

    public static void main(String[] arguments) throws Exception {
        int requests = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 50_000;
        int connections = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 8;
        Server target = startTarget();
        int targetPort = ((ServerConnector) target.getConnectors()[0]).getLocalPort();
        int listenerPort = FreePorts.freePort();
        try (SystemTimer timer = new SystemTimer();
                LoadBalancerPlane plane = new LoadBalancerPlane("127.0.0.1", timer, new RecordingEvents())) {
            plane.apply(new ElbConfiguration(List.of(loadBalancer("lb")),
                    List.of(listener("lb", listenerPort, RuleAction.forward(targetGroupArn("web")))), List.of(),
                    List.of(ElbFixtures.targetGroup("web")),
                    List.of(target("web", "127.0.0.1", targetPort, TargetHealthState.HEALTHY))));
            for (int round = 0; round < 2; round++) {
                // the first round warms the JIT up; the second is the one to read
                System.out.println(round == 0 ? "warm-up" : "measured");
                report("direct    ", sequential(targetPort, requests));
                report("listener  ", sequential(listenerPort, requests));
                throughput("direct    ", targetPort, requests, connections);
                throughput("listener  ", listenerPort, requests, connections);
            }
        } finally {
            target.stop();
        }
    }

    private static Server startTarget() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    Callback callback) {
                response.getHeaders().put("Content-Type", "text/plain");
                response.getHeaders().put("Content-Length", BODY.length);
                response.write(true, ByteBuffer.wrap(BODY), callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    /** Nanoseconds of each request, sent one after the other on one kept-alive connection. */
    private static long[] sequential(int port, int requests) throws IOException {
        long[] nanos = new long[requests];
        try (Connection connection = new Connection(port)) {
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                connection.get();
                nanos[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private static void throughput(String label, int port, int requests, int connections) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(connections)) {
            long start = System.nanoTime();
            List<Future<long[]>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                results.add(threads.submit(() -> sequential(port, requests / connections)));
            }
            long[] all = new long[0];
            for (Future<long[]> result : results) {
                long[] part = result.get();
                long[] joined = Arrays.copyOf(all, all.length + part.length);
                System.arraycopy(part, 0, joined, all.length, part.length);
                all = joined;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(all);
            System.out.printf("%s %d connections: %,.0f requests/s, p50 %.3f ms, p99 %.3f ms%n", label, connections,
                    all.length / seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        }
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf("%s 1 connection: mean %.3f ms, p50 %.3f ms, p99 %.3f ms%n", label, mean,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    /** A kept-alive HTTP/1.1 connection that sends GET / and reads an answer framed by Content-Length. */
    private static final class Connection implements AutoCloseable {
        private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: lb\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        void get() throws IOException {
            out.write(REQUEST);
            out.flush();
            int contentLength = -1;
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b == '\n') {
                    String header = line.toString().trim();
                    line.setLength(0);
                    if (header.isEmpty()) {
                        break;
                    }
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        contentLength = Integer.parseInt(header.substring(15).trim());
                    }
                } else {
                    line.append((char) b);
                }
            }
            in.readNBytes(contentLength);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

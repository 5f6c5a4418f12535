package dev.ecsd.bench;

import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Acknowledged writes through the real HTTP path (not a test): N SDK clients, each on its own thread, create
 * clusters against an in-process server on a fresh data directory, one server per client count. Then one client
 * registering task definition revisions in a loop over 50 families, whose p99 shows any periodic stall of the
 * write path (a WAL checkpoint, a resync under the writer lock, a GC pause).
 */
public final class HttpWriteBenchmark {
    private HttpWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration period = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 3);
        System.out.println(Throughput.header());
        run(List.of(1, 8, 32), Duration.ofSeconds(1), period);
    }

    static void run(List<Integer> clientCounts, Duration warmUp, Duration period) throws Exception {
        // The JDK keeps only 5 idle connections per host by default; more clients would reconnect on every call.
        System.setProperty("http.maxConnections", "64");
        for (int clients : clientCounts) {
            try (TestServer server = TestServer.start()) {
                List<EcsClient> ecs = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    ecs.add(EcsClient.builder().endpointOverride(server.endpoint()).region(Region.of(TestServer.REGION))
                            .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create())
                            .build());
                }
                try {
                    Throughput.Result result = Throughput.measure(clients, warmUp, period, (client, sequence) ->
                            ecs.get(client).createCluster(r -> r.clusterName("bench-" + client + "-" + sequence)));
                    System.out.println(Throughput.row("HTTP CreateCluster (SDK clients)", result, ""));
                } finally {
                    ecs.forEach(EcsClient::close);
                }
            }
        }
        try (TestServer server = TestServer.start(); EcsClient ecs = server.ecs()) {
            Throughput.Result result = Throughput.measure(1, warmUp, period, (client, sequence) ->
                    ecs.registerTaskDefinition(r -> r.family("bench-" + sequence % 50).containerDefinitions(c -> c
                            .name("app").image("busybox").memory(64).essential(true))));
            System.out.println(Throughput.row("HTTP RegisterTaskDefinition (1 client)", result, ""));
        }
    }
}

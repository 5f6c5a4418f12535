package dev.ecsd.bench;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * What ecsd's load balancer costs (not a test): the same HTTP load — C client connections kept alive, each sending
 * its next request when the last is answered, for S seconds — sent (1) through an ecsd listener to a service of
 * three busybox httpd tasks, (2) directly to one of those tasks, and (3) through nginx configured as a reverse proxy
 * to the same three tasks. Prints requests/s and p50/p99 latency of each, side by side. Everything on loopback.
 *
 * <p>Run with {@code ./run-benchmark lb [connections [seconds]]} (default 8 connections, 10 s each, after 3 s of
 * warm-up). nginx comes from Debian's {@code nginx} package ({@code apt-get install -y nginx-light}).
 *
 * <p>Warm-up: the load generator runs in this JVM, so whichever path went first would pay for compiling the
 * client's code, and the listener's proxy is Java code that the JIT compiles while nginx is compiled ahead of
 * time. So before any measurement every path is warmed with the same load, the listener for longer
 * ({@link #PROXY_WARM_UP}, until its hot code is compiled by C2), and each path warms up again for
 * {@link #WARM_UP} right before it is measured. Nothing else differs: same client, connections and duration.
 */
public final class LoadBalancerBenchmark {
    private static final String CLUSTER = "lb-bench";
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /** The first warm-up of the listener path: the JVM's own proxy, and the client code every path shares. */
    private static final Duration PROXY_WARM_UP = Duration.ofSeconds(10);

    private LoadBalancerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (!Files.isExecutable(Nginx.EXECUTABLE)) {
            System.err.println("nginx is not installed: apt-get install -y nginx-light (the benchmark compares with it)");
            System.exit(2);
        }
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker();
                ElasticLoadBalancingV2Client elb = server.elbv2()) {
            String image = TestImages.busybox(docker);
            Map<String, String> ours = Map.of(ContainerSpecs.LABEL_INSTANCE,
                    DockerCli.instanceIdOf(server.dataDirectory()));
            Path work = Files.createTempDirectory("ecsd-lb-bench-");
            Process proxy = null;
            try {
                int listenerPort = FreePorts.freePort();
                List<Integer> taskPorts = startService(server.ecs(), elb, image, listenerPort);
                int nginxPort = FreePorts.freePort();
                proxy = startNginx(work, nginxPort, taskPorts);
                run(listenerPort, connections, PROXY_WARM_UP, null);
                run(taskPorts.getFirst(), connections, WARM_UP, null);
                run(nginxPort, connections, WARM_UP, null);
                List<Result> results = new ArrayList<>();
                results.add(measure("ecsd listener -> 3 tasks", listenerPort, connections, seconds));
                results.add(measure("direct -> 1 task", taskPorts.getFirst(), connections, seconds));
                results.add(measure("nginx 1.22 -> 3 tasks", nginxPort, connections, seconds));
                System.out.printf("%n%d connections, %d s each, busybox httpd tasks, loopback%n", connections, seconds);
                System.out.printf("%-28s %10s %10s %10s %8s%n", "path", "requests/s", "p50 ms", "p99 ms", "errors");
                for (Result result : results) {
                    System.out.printf("%-28s %10.0f %10.2f %10.2f %8d%n", result.name, result.perSecond, result.p50,
                            result.p99, result.errors);
                }
            } finally {
                if (proxy != null) {
                    proxy.destroy();
                    proxy.waitFor();
                }
                EcsClient ecs = server.ecs();
                ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
                Awaitility.await("no container left").atMost(Duration.ofMinutes(2))
                        .until(() -> docker.listContainers(ours).isEmpty());
            }
        }
    }

    /** Three httpd tasks behind a listener; answers the tasks' published ports once all three targets are healthy. */
    private static List<Integer> startService(EcsClient ecs, ElasticLoadBalancingV2Client elb, String image,
            int listenerPort) {
        String loadBalancer = elb.createLoadBalancer(r -> r.name("bench-lb").subnets("subnet-12345678", "subnet-87654321"))
                .loadBalancers().getFirst().loadBalancerArn();
        String group = elb.createTargetGroup(r -> r.name("bench-tg").protocol("HTTP").port(8080).targetType("ip")
                .vpcId("vpc-12345678").healthCheckIntervalSeconds(5)).targetGroups().getFirst().targetGroupArn();
        elb.createListener(r -> r.loadBalancerArn(loadBalancer).protocol("HTTP").port(listenerPort)
                .defaultActions(a -> a.type("forward").targetGroupArn(group)));
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String definition = ecs.registerTaskDefinition(r -> r.family("lb-bench").requiresCompatibilitiesWithStrings("FARGATE")
                .networkMode("awsvpc").cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image(image).essential(true)
                        .portMappings(p -> p.containerPort(8080))
                        .command("sh", "-c", "echo 'hello from a task' > /var/www/index.html; "
                                + "trap 'exit 0' TERM; httpd -f -p 8080 -h /var/www & wait")))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("web").taskDefinition(definition).desiredCount(3)
                .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                .loadBalancers(l -> l.targetGroupArn(group).containerName("web").containerPort(8080)));
        Awaitility.await("3 healthy targets").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> elb.describeTargetHealth(r -> r.targetGroupArn(group)).targetHealthDescriptions().stream()
                        .filter(h -> "healthy".equals(h.targetHealth().stateAsString())).count() == 3);
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web")).taskArns();
        List<Integer> ports = new ArrayList<>();
        for (Task task : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks()) {
            ports.add(task.containers().getFirst().networkBindings().getFirst().hostPort());
        }
        return ports;
    }

    private static Process startNginx(Path work, int port, List<Integer> taskPorts) throws Exception {
        StringBuilder upstream = new StringBuilder();
        taskPorts.forEach(p -> upstream.append("    server 127.0.0.1:").append(p).append(";\n"));
        String configuration = """
                worker_processes auto;
                daemon off;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  upstream tasks {
                %2$s    keepalive 32;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://tasks;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }
                  }
                }
                """.formatted(work, upstream, port);
        return Nginx.start(work, port, configuration);
    }

    private record Result(String name, double perSecond, double p50, double p99, long errors) {
    }

    /** Warms up, then measures closed-loop load: each connection sends its next request once the last is answered. */
    private static Result measure(String name, int port, int connections, int seconds) throws InterruptedException {
        run(port, connections, WARM_UP, null);
        long[][] latencies = new long[connections][];
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        int[] counts = run(port, connections, Duration.ofSeconds(seconds), new Recorder(latencies, errors));
        double elapsed = (System.nanoTime() - started) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int i = 0; i < connections; i++) {
            System.arraycopy(latencies[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return new Result(name, total / elapsed, percentile(all, 0.50), percentile(all, 0.99), errors.get());
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1,
                Math.floor(fraction * sorted.length))] / 1e6;
    }

    private record Recorder(long[][] latencies, AtomicLong errors) {
    }

    /** Runs the connections for {@code duration}; answers how many successful requests each one recorded. */
    private static int[] run(int port, int connections, Duration duration, Recorder recorder)
            throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        long deadline = System.nanoTime() + duration.toNanos();
        int[] counts = new int[connections];
        CountDownLatch done = new CountDownLatch(connections);
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread.ofPlatform().daemon().start(() -> {
                long[] mine = new long[1 << 16];
                // one client per connection: its pool keeps exactly one kept-alive connection busy
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() != 200) {
                                if (recorder != null) {
                                    recorder.errors().incrementAndGet();
                                }
                                continue;
                            }
                        } catch (IOException e) {
                            if (recorder != null) {
                                recorder.errors().incrementAndGet();
                            }
                            continue;
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (counts[connection] == mine.length) {
                            mine = Arrays.copyOf(mine, mine.length * 2);
                        }
                        mine[counts[connection]++] = System.nanoTime() - start;
                    }
                } finally {
                    if (recorder != null) {
                        recorder.latencies()[connection] = mine;
                    }
                    done.countDown();
                }
            });
        }
        done.await();
        return counts;
    }
}

package dev.ecsd.bench;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * How fast a service comes up and rolls over on Docker (not a test): starts a server on the local engine,
 * creates a service of N busybox httpd tasks and reports the seconds until all are RUNNING, then the seconds a
 * rolling update of all of them to a new revision takes until its deployment is COMPLETED (the old tasks
 * stopped). Each phase is bounded; the service and its containers are removed at the end.
 *
 * <p>Run with {@code ./run-benchmark [tasks [rounds]]} (default 20 tasks, 1 round; later rounds run on a warm
 * server). The same start and rolling update beside Docker Swarm and {@code docker run}, measured in the same run:
 * {@link StartBenchmark} and {@link RollingBenchmark}.
 */
public final class ServiceBenchmark {
    private static final String CLUSTER = "bench";
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);

    private ServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker()) {
            String image = TestImages.busybox(docker);
            Map<String, String> ours = Map.of(ContainerSpecs.LABEL_INSTANCE,
                    DockerCli.instanceIdOf(server.dataDirectory()));
            EcsClient ecs = server.ecs();
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            String one = register(ecs, image, "one");
            String two = register(ecs, image, "two");
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) {
                    System.out.printf("round %d of %d%n", round, rounds);
                }
                try {
                    run(ecs, one, two, tasks);
                } finally {
                    cleanUp(ecs, docker, ours);
                }
            }
        }
    }

    private static void run(EcsClient ecs, String one, String two, int count) {
        Instant created = Instant.now();
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("bench").taskDefinition(one).desiredCount(count)
                .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
        awaitService(ecs, "all " + count + " RUNNING", s -> s.runningCount() == count);
        double startSeconds = seconds(created);
        List<Task> first = tasks(ecs, DesiredStatus.RUNNING);
        awaitService(ecs, "the first deployment COMPLETED", s -> completed(s, one));

        Instant updated = Instant.now();
        ecs.updateService(r -> r.cluster(CLUSTER).service("bench").taskDefinition(two));
        awaitService(ecs, "the rolling update COMPLETED", s -> completed(s, two) && s.runningCount() == count);
        double rolloutSeconds = seconds(updated);

        System.out.printf("%d tasks RUNNING after %.2f s%n", count, startSeconds);
        phases(created, first);
        System.out.printf("rolling update of %d tasks COMPLETED after %.2f s%n", count, rolloutSeconds);
        phases(updated, tasks(ecs, DesiredStatus.RUNNING));
    }

    private static void phases(Instant from, List<Task> tasks) {
        System.out.print(TaskPhases.format(from, tasks));
    }

    private static String register(EcsClient ecs, String image, String content) {
        return ecs.registerTaskDefinition(r -> r.family("bench").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image(image).essential(true)
                        .portMappings(p -> p.containerPort(8080))
                        .command("sh", "-c", "echo 'revision " + content + "' > /var/www/index.html; "
                                + "trap 'exit 0' TERM; httpd -f -p 8080 -h /var/www & wait")))
                .taskDefinition().taskDefinitionArn();
    }

    private static boolean completed(Service service, String taskDefinition) {
        return service.deployments().size() == 1
                && "COMPLETED".equals(service.deployments().getFirst().rolloutStateAsString())
                && taskDefinition.equals(service.deployments().getFirst().taskDefinition());
    }

    private static Service awaitService(EcsClient ecs, String what, Predicate<Service> condition) {
        return Awaitility.await(what).atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> ecs.describeServices(r -> r.cluster(CLUSTER).services("bench")).services().getFirst(),
                        condition::test);
    }

    private static List<Task> tasks(EcsClient ecs, DesiredStatus status) {
        return TaskPhases.tasks(ecs, CLUSTER, "bench", status);
    }

    private static void cleanUp(EcsClient ecs, DockerRuntime docker, Map<String, String> ours) {
        try {
            ecs.deleteService(r -> r.cluster(CLUSTER).service("bench").force(true));
            Awaitility.await("the service's containers gone").atMost(PHASE_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> docker.listContainers(ours).isEmpty());
            awaitService(ecs, "the service INACTIVE", s -> "INACTIVE".equals(s.status()));
        } catch (RuntimeException e) {
            System.err.println("deleting the service failed: " + e.getMessage());
        } finally {
            docker.listContainers(ours).forEach(c -> docker.removeContainer(c.id()));
        }
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}

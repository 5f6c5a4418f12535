package dev.ecsd.bench;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * ecsd's side of the start and rolling benchmarks, through the SDK as a user drives it: the workload as a user
 * would register it (one awsvpc container with a port mapping, FARGATE), a service or one task of it, timed with
 * the same poller as the anchors, and removal until the engine holds none of its containers.
 */
final class EcsdSide {
    static final String CLUSTER = "bench";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final EcsClient ecs;
    private final String instanceLabel;
    private Instant requested = Instant.EPOCH;

    EcsdSide(TestServer server) {
        this.ecs = server.ecs();
        this.instanceLabel = ContainerSpecs.LABEL_INSTANCE + "=" + DockerCli.instanceIdOf(server.dataDirectory());
        ecs.createCluster(r -> r.clusterName(CLUSTER));
    }

    /** Registers the workload at revision {@code rev} (its REV variable) and answers the task definition's ARN. */
    String register(String image, String rev) {
        return ecs.registerTaskDefinition(r -> r.family("bench").requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(c -> c.name("web").image(image).essential(true)
                        .portMappings(p -> p.containerPort(Workload.PORT))
                        .environment(KeyValuePair.builder().name("REV").value(rev).build())
                        .command(Workload.COMMAND)))
                .taskDefinition().taskDefinitionArn();
    }

    /** CreateService of {@code count} tasks, timed until the service counts them all RUNNING (the first too). */
    StartTimes start(String service, String taskDefinition, int count, int minimumHealthy, int maximum) {
        requested = Instant.now();
        long start = System.nanoTime();
        ecs.createService(r -> r.cluster(CLUSTER).serviceName(service).taskDefinition(taskDefinition)
                .desiredCount(count).launchType("FARGATE")
                .deploymentConfiguration(d -> d.minimumHealthyPercent(minimumHealthy).maximumPercent(maximum))
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
        double request = StartTimes.seconds(start, System.nanoTime());
        return StartTimes.await("ecsd service " + service, start, request, count, () -> describe(service)
                .runningCount(), StartTimes.POLL, TIMEOUT);
    }

    /**
     * Where the time of the last {@link #start} or {@link #roll} went, by the running tasks' timestamps (see
     * {@link TaskPhases}).
     */
    String phases(String service) {
        return TaskPhases.format(requested, TaskPhases.tasks(ecs, CLUSTER, service, DesiredStatus.RUNNING));
    }

    /** Waits until the service's one deployment, of {@code taskDefinition}, is COMPLETED with every task RUNNING. */
    void awaitCompleted(String service, String taskDefinition) {
        await(service, "deployment of " + taskDefinition + " COMPLETED", s -> s.deployments().size() == 1
                && "COMPLETED".equals(s.deployments().getFirst().rolloutStateAsString())
                && taskDefinition.equals(s.deployments().getFirst().taskDefinition())
                && s.runningCount() == s.desiredCount());
    }

    /** UpdateService to {@code taskDefinition}, timed until its deployment is COMPLETED and the old one gone. */
    double roll(String service, String taskDefinition) {
        requested = Instant.now();
        long start = System.nanoTime();
        ecs.updateService(r -> r.cluster(CLUSTER).service(service).taskDefinition(taskDefinition));
        awaitCompleted(service, taskDefinition);
        return StartTimes.seconds(start, System.nanoTime());
    }

    /**
     * Calls DescribeTasks and ListTasks {@code calls} times each, so that the request path (the SDK client's and the
     * server's: signing, the codec, the dispatch) runs compiled code, as it does in a client and a server that have
     * been running for a while, before anything is timed.
     */
    void warmRequestPath(int calls) {
        for (int i = 0; i < calls; i++) {
            ecs.describeTasks(r -> r.cluster(CLUSTER).tasks("arn:aws:ecs:us-east-1:000000000000:task/bench/warm"));
            ecs.listTasks(r -> r.cluster(CLUSTER));
        }
    }

    /** RunTask of one task, timed until DescribeTasks reports it RUNNING; then it is stopped and its containers gone. */
    OneStart runOne(String taskDefinition, Duration interval) {
        Instant requested = Instant.now();
        long start = System.nanoTime();
        String task = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(taskDefinition).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
                .tasks().getFirst().taskArn();
        double seconds = StartTimes.await("ecsd task", start, Double.NaN, 1,
                () -> "RUNNING".equals(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task)).tasks().getFirst()
                        .lastStatus()) ? 1 : 0, interval, TIMEOUT).allSeconds();
        // ECS's startedAt: when the task moved to RUNNING, as the control plane recorded it
        Instant startedAt = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task)).tasks().getFirst().startedAt();
        ecs.stopTask(r -> r.cluster(CLUSTER).task(task));
        awaitNoContainers();
        return new OneStart(seconds, Duration.between(requested, startedAt).toNanos() / 1e9);
    }

    /** How many app containers (not the pause containers) of this server's tasks run now, old and new alike. */
    int runningAppContainers() {
        return EngineApi.runningContainers(instanceLabel, ContainerSpecs.LABEL_CONTAINER_NAME + "=web");
    }

    /** Deletes the service (force) and waits until the engine holds none of its containers and it is INACTIVE. */
    void remove(String service) {
        ecs.deleteService(r -> r.cluster(CLUSTER).service(service).force(true));
        awaitNoContainers();
        await(service, "INACTIVE", s -> "INACTIVE".equals(s.status()));
    }

    /** Removes whatever this server left on the engine (after a failure): its containers and volumes. */
    void removeLeftovers() {
        DockerRuns.removeAll(instanceLabel);
    }

    private void awaitNoContainers() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!EngineApi.containers(true, instanceLabel).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ecsd's containers remain after " + TIMEOUT);
            }
            StartTimes.pause(Duration.ofMillis(100));
        }
    }

    /**
     * The service's tasks its scheduler counts against the deployment's limits: those it wants RUNNING (ListTasks
     * with desiredStatus RUNNING). A task it has told to stop is not counted, though its container may still run.
     */
    int countedTasks(String service) {
        return ecs.listTasksPaginator(r -> r.cluster(CLUSTER).serviceName(service).desiredStatus("RUNNING"))
                .taskArns().stream().mapToInt(arn -> 1).sum();
    }

    private Service describe(String service) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(service)).services().getFirst();
    }

    private void await(String service, String what, Predicate<Service> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.test(describe(service))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ecsd service " + service + ": no " + what + " after " + TIMEOUT);
            }
            StartTimes.pause(StartTimes.POLL);
        }
    }
}

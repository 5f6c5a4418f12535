package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A Fargate Spot interruption of a real container: the application traps SIGTERM, says so in its log and exits
 * cleanly; the task stops as SpotInterruption and its service starts a replacement.
 */
@RequiresDocker
class SpotInterruptionDockerIT {
    private static final String CLUSTER = "docker-spot";
    private static final String GROUP = "/ecs/docker-it-spot";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private TestServer server;
    private EcsClient ecs;
    private CloudWatchLogsClient logs;
    private DockerRuntime docker;
    private String busybox;
    private String instanceId;

    @BeforeEach
    void start() {
        server = TestServer.startWithDocker();
        ecs = server.ecs();
        logs = server.logs();
        docker = DockerRuntime.fromEnvironment();
        busybox = TestImages.busybox(docker);
        instanceId = DockerCli.instanceIdOf(server.dataDirectory());
        ecs.createCluster(r -> r.clusterName(CLUSTER).capacityProviders("FARGATE_SPOT"));
    }

    @AfterEach
    void stop() {
        try {
            ecs.deleteService(r -> r.cluster(CLUSTER).service("worker").force(true));
            await("no container left").atMost(TIMEOUT).until(() -> containers().isEmpty());
        } finally {
            containers().forEach(c -> docker.removeContainer(c.id()));
            logs.close();
            server.close();
            docker.close();
        }
    }

    @Test
    void theContainerGetsSigtermTheTaskStopsAsSpotInterruptionAndTheServiceReplacesIt() {
        String definition = new EcsTasks(ecs, CLUSTER).register("worker", ContainerDefinition.builder()
                .name("main").image(busybox).essential(true).stopTimeout(20)
                .command("sh", "-c", "trap 'echo got SIGTERM, saving work; exit 0' TERM; echo working; "
                        + "while true; do sleep 1; done")
                .logConfiguration(EcsTasks.awslogs(GROUP, "ecs", true)).build());
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("worker").taskDefinition(definition).desiredCount(1)
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))
                .networkConfiguration(EcsTasks.awsvpc()));
        Task victim = await("a Spot task RUNNING").atMost(TIMEOUT).until(this::runningTasks, t -> t.size() == 1)
                .getFirst();
        assertThat(victim.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        await("the application says it works").atMost(TIMEOUT).until(() -> messages(victim),
                m -> m.contains("working"));

        HttpResponse<String> answer = new SignedRequests(server.endpoint()).scope(TestServer.REGION, "ecsd")
                .sendSigned("POST", "/_ecsd/spot-interruption", Map.of("task", victim.taskArn()), Map.of(),
                        new byte[0], Instant.now());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        Task stopped = await("the interrupted task STOPPED").atMost(TIMEOUT).until(() -> describe(victim),
                t -> "STOPPED".equals(t.lastStatus()));
        assertThat(stopped.stopCodeAsString()).isEqualTo("SpotInterruption");
        assertThat(stopped.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");
        assertThat(stopped.containers().getFirst().exitCode()).as("it exited on SIGTERM, before any SIGKILL")
                .isZero();
        assertThat(Duration.between(stopped.stoppingAt(), stopped.executionStoppedAt()))
                .isLessThan(Duration.ofSeconds(20));
        assertThat(messages(victim)).containsSubsequence("working", "got SIGTERM, saving work");
        Task replacement = await("a replacement RUNNING").atMost(TIMEOUT).until(this::runningTasks,
                t -> t.size() == 1 && !t.getFirst().taskArn().equals(victim.taskArn())).getFirst();
        assertThat(replacement.capacityProviderName()).isEqualTo("FARGATE_SPOT");
    }

    private List<String> messages(Task task) {
        return EcsTasks.logMessages(logs, GROUP, "ecs/main/" + EcsTasks.taskId(task.taskArn()));
    }

    private List<Task> runningTasks() {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("worker")
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks().stream()
                .filter(t -> "RUNNING".equals(t.lastStatus())).toList();
    }

    private Task describe(Task task) {
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().getFirst();
    }

    private List<ContainerObservation> containers() {
        return docker.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId));
    }
}

package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsd.agent.runtime.SimulatedBehaviour;
import dev.ecsd.model.ModelJson;
import dev.ecsd.testing.Scenario;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Fargate Spot interruptions through ecsd's operator route, on virtual time: the termination notice stops the task
 * as ECS documents (SIGTERM now, SIGKILL after its stopTimeout, stopCode SpotInterruption), the service replaces it
 * at once, and only FARGATE_SPOT tasks can be interrupted.
 */
class SpotInterruptionIT {
    private static final String CLUSTER = "spot";
    private static final String IMAGE = "registry.example/stubborn:1";
    private Scenario scenario;
    private EcsClient ecs;
    private String definition;

    @BeforeEach
    void start() {
        scenario = Scenario.start();
        ecs = scenario.ecs;
        // the application ignores SIGTERM and takes the whole of Fargate's longest stopTimeout: two minutes
        scenario.runtime.whenImage(IMAGE, SimulatedBehaviour.runsForever().ignoringSigterm());
        ecs.createCluster(r -> r.clusterName(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT"));
        definition = registerFargate(ecs, "worker", ContainerDefinition.builder().name("web").image(IMAGE)
                .essential(true).stopTimeout(120).build());
    }

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void anInterruptedSpotTaskGetsTwoMinutesToStopWhileTheServiceReplacesIt() {
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("worker").taskDefinition(definition).desiredCount(2)
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))
                .networkConfiguration(network()));
        awaitService("two Spot tasks running", s -> s.runningCount() == 2 && s.pendingCount() == 0);
        List<Task> before = running();
        Task victim = before.getFirst();
        assertThat(victim.capacityProviderName()).isEqualTo("FARGATE_SPOT");
        Instant notice = scenario.now();

        HttpResponse<String> answer = interrupt(Map.of("task", victim.taskArn()));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode interrupted = json(answer.body()).get("interruptedTasks");
        assertThat(interrupted).hasSize(1);
        assertThat(interrupted.get(0).get("taskArn").asText()).isEqualTo(victim.taskArn());
        assertThat(interrupted.get(0).get("stopCode").asText()).isEqualTo("SpotInterruption");
        Task noticed = describe(victim);
        assertThat(noticed.desiredStatus()).isEqualTo("STOPPED");
        assertThat(noticed.stopCodeAsString()).isEqualTo("SpotInterruption");
        assertThat(noticed.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");

        // the service starts a replacement on the notice, without waiting for the task to be gone
        Service replaced = awaitService("a replacement running", s -> s.runningCount() == 2
                && running().stream().noneMatch(t -> t.taskArn().equals(victim.taskArn())));
        assertThat(replaced.desiredCount()).isEqualTo(2);
        scenario.awaitCallsWaitingForTime(1); // the stop, waiting out the stopTimeout
        scenario.advance(Duration.ofMillis(119_999));
        Task stopping = describe(victim);
        assertThat(stopping.lastStatus()).isNotEqualTo("STOPPED");
        assertThat(stopping.containers().getFirst().lastStatus()).as("the container got SIGTERM and ignores it")
                .isEqualTo("RUNNING");

        scenario.advance(Duration.ofMillis(1));
        Task stopped = scenario.await("the interrupted task stopped", () -> describe(victim),
                t -> "STOPPED".equals(t.lastStatus()));
        assertThat(stopped.stopCodeAsString()).isEqualTo("SpotInterruption");
        assertThat(stopped.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");
        assertThat(stopped.containers().getFirst().exitCode()).as("SIGKILL at the end of the two minutes")
                .isEqualTo(137);
        assertThat(stopped.executionStoppedAt()).isEqualTo(notice.plusSeconds(120));
        assertThat(running()).hasSize(2).allMatch(t -> "FARGATE_SPOT".equals(t.capacityProviderName()));
    }

    @Test
    void aClusterLosesItsLongestRunningSpotTasksAndOnlySpotTasksCanBeInterrupted() {
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("worker").taskDefinition(definition).desiredCount(3)
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))
                .networkConfiguration(network()));
        awaitService("three Spot tasks running", s -> s.runningCount() == 3 && s.pendingCount() == 0);
        Task onDemand = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(definition).launchType("FARGATE")
                .networkConfiguration(network())).tasks().getFirst();
        List<Task> byAge = running().stream().sorted(Comparator.comparing(Task::createdAt)
                .thenComparing(Task::taskArn)).toList();
        List<String> oldest = byAge.stream().limit(2).map(Task::taskArn).toList();

        HttpResponse<String> two = interrupt(Map.of("cluster", CLUSTER, "count", "2"));
        assertThat(two.statusCode()).isEqualTo(200);
        assertThat(json(two.body()).get("interruptedTasks")).extracting(t -> t.get("taskArn").asText())
                .containsExactlyElementsOf(oldest);

        HttpResponse<String> notSpot = interrupt(Map.of("task", onDemand.taskArn()));
        assertThat(notSpot.statusCode()).isEqualTo(400);
        assertThat(json(notSpot.body()).get("message").asText()).isEqualTo("Task " + onDemand.taskArn()
                + " runs on the FARGATE launch type, not FARGATE_SPOT: only Fargate Spot tasks can be interrupted.");
        assertThat(describe(onDemand).desiredStatus()).isEqualTo("RUNNING");

        HttpResponse<String> again = interrupt(Map.of("task", oldest.getFirst()));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already stopping or stopped");

        String ghost = "arn:aws:ecs:us-east-1:000000000000:task/" + CLUSTER + "/0123456789abcdef0123456789abcdef";
        assertThat(interrupt(Map.of("task", ghost)).statusCode()).isEqualTo(404);
        assertThat(interrupt(Map.of()).statusCode()).isEqualTo(400);
        assertThat(interrupt(Map.of("cluster", CLUSTER, "count", "0")).statusCode()).isEqualTo(400);
        HttpResponse<String> unsigned = new SignedRequests(scenario.server.endpoint())
                .sendRaw("POST", "/_ecsd/spot-interruption?cluster=" + CLUSTER, Map.of(), new byte[0]);
        assertThat(unsigned.statusCode()).isBetween(400, 403);
        assertThat(describe(byAge.get(2)).desiredStatus()).as("the youngest Spot task was spared").isEqualTo("RUNNING");
    }

    private HttpResponse<String> interrupt(Map<String, String> query) {
        return new SignedRequests(scenario.server.endpoint()).scope(TestServer.REGION, "ecsd")
                .sendSigned("POST", "/_ecsd/spot-interruption", query, Map.of(), new byte[0], scenario.now());
    }

    private static JsonNode json(String body) {
        try {
            return ModelJson.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private List<Task> running() {
        return ServiceRequests.tasks(ecs, CLUSTER, "worker").stream()
                .filter(t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus())).toList();
    }

    private Task describe(Task task) {
        return ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn())).tasks().getFirst();
    }

    private Service awaitService(String what, java.util.function.Predicate<Service> condition) {
        return scenario.await(what, () -> ServiceRequests.describe(ecs, CLUSTER, "worker"), condition);
    }
}

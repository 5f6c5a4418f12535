package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code --spot-interruption-rate} on virtual time: at one interruption per task and minute, a service's FARGATE_SPOT
 * tasks are interrupted (and replaced) within minutes, while a FARGATE task next to them never is.
 */
class SpotInterruptionChaosIT {
    private static final String CLUSTER = "chaos";
    private final Scenario scenario = Scenario.withConfig(c -> c.withSpotInterruptionRate(60));

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void spotTasksAreInterruptedAtRandomAndReplacedWhileOnDemandTasksAreLeftAlone() {
        scenario.ecs.createCluster(r -> r.clusterName(CLUSTER).capacityProviders("FARGATE", "FARGATE_SPOT"));
        String definition = registerFargate(scenario.ecs, "worker", "registry.example/worker:1");
        scenario.ecs.createService(r -> r.cluster(CLUSTER).serviceName("worker").taskDefinition(definition)
                .desiredCount(4).capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))
                .networkConfiguration(network()));
        Task onDemand = scenario.ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(definition).launchType("FARGATE")
                .networkConfiguration(network())).tasks().getFirst();

        scenario.await("four Spot tasks running", () -> ServiceRequests.describe(scenario.ecs, CLUSTER, "worker"),
                s -> s.runningCount() == 4);
        Instant start = scenario.now();

        // each look moves ten seconds on: at one interruption per task and minute, a few looks suffice
        List<Task> tasks = scenario.await("a Spot interruption", () -> {
            scenario.advance(Duration.ofSeconds(10));
            return ServiceRequests.tasks(scenario.ecs, CLUSTER, "worker");
        }, all -> all.stream().anyMatch(t -> "SpotInterruption".equals(t.stopCodeAsString())));

        assertThat(Duration.between(start, scenario.now())).isLessThan(Duration.ofMinutes(10));
        assertThat(tasks).filteredOn(t -> t.stopCodeAsString() != null).allSatisfy(t -> {
            assertThat(t.stopCodeAsString()).isEqualTo("SpotInterruption");
            assertThat(t.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");
        });
        Task standalone = scenario.ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(onDemand.taskArn())).tasks()
                .getFirst();
        assertThat(standalone.desiredStatus()).isEqualTo("RUNNING");
        assertThat(standalone.stopCodeAsString()).isNull();
        scenario.await("replacements started", () -> ServiceRequests.tasks(scenario.ecs, CLUSTER, "worker"),
                all -> all.size() > 4);
    }
}

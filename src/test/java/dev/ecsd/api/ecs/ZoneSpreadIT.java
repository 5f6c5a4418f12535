package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.Scenario;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Availability Zones through the SDK on virtual time: a task's zone follows from its subnet (subnet-1 is in zone
 * c, subnet-2 in a, subnet-3 in b), and a service's tasks spread evenly over the zones of its subnets.
 */
class ZoneSpreadIT {
    private static final String CLUSTER = "zones";
    private final Scenario scenario = Scenario.start();

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void aServicesTasksSpreadEvenlyOverTheZonesOfItsSubnets() {
        scenario.ecs.createCluster(r -> r.clusterName(CLUSTER));
        String web = registerFargate(scenario.ecs, "web", "registry.example/web:1");
        scenario.ecs.createService(fargateService(CLUSTER, "web", web, 6)
                .networkConfiguration(network("subnet-1", "subnet-2", "subnet-3")).build());
        scenario.await("six tasks running", () -> ServiceRequests.describe(scenario.ecs, CLUSTER, "web"),
                s -> completedOn(s, web, 6));

        List<Task> tasks = ServiceRequests.tasks(scenario.ecs, CLUSTER, "web");
        assertThat(tasks.stream().collect(Collectors.groupingBy(Task::availabilityZone, Collectors.counting())))
                .isEqualTo(Map.of("us-east-1a", 2L, "us-east-1b", 2L, "us-east-1c", 2L));
        Map<String, String> zoneOfSubnet = Map.of("subnet-1", "us-east-1c", "subnet-2", "us-east-1a",
                "subnet-3", "us-east-1b");
        for (Task task : tasks) {
            Attachment eni = task.attachments().getFirst();
            Map<String, String> details = eni.details().stream()
                    .collect(Collectors.toMap(KeyValuePair::name, KeyValuePair::value));
            assertThat(zoneOfSubnet.get(details.get("subnetId"))).as("the zone of the task's subnet")
                    .isEqualTo(task.availabilityZone());
        }
    }

    @Test
    void runTaskPutsATaskInTheZoneOfItsSubnet() {
        scenario.ecs.createCluster(r -> r.clusterName(CLUSTER));
        String web = registerFargate(scenario.ecs, "web", "registry.example/web:1");

        List<Task> started = scenario.ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(web).launchType("FARGATE")
                .count(2).networkConfiguration(network("subnet-3"))).tasks();

        assertThat(started).extracting(Task::availabilityZone).containsExactly("us-east-1b", "us-east-1b");
        assertThat(started).extracting(t -> t.attachments().getFirst().details().stream()
                        .collect(Collectors.toMap(KeyValuePair::name, Function.identity())).get("subnetId").value())
                .containsExactly("subnet-3", "subnet-3");
    }
}

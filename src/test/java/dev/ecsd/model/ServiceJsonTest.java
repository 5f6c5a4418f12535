package dev.ecsd.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A service is stored in its three parts and read back equal.
 * Records stored flat by earlier releases are loaded in {@link StoredByEarlierReleasesTest}.
 */
class ServiceJsonTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");

    @Test
    void aServiceIsStoredInItsPartsAndReadBackEqual() {
        Service service = service();
        JsonNode json = ModelJson.tree(service);
        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("serviceArn", "serviceName",
                "clusterArn", "createdAt", "createdBy", "spec", "state", "bookkeeping");
        assertThat(json.get("spec").get("desiredCount").asInt()).isEqualTo(3);
        assertThat(json.get("state").get("deployments")).hasSize(1);
        assertThat(json.get("bookkeeping").get("consecutiveStartFailures").asInt()).isEqualTo(2);

        assertThat(ModelJson.read(ModelJson.write(service), Service.class)).isEqualTo(service);
        assertThat(json.get("spec").get("loadBalancers").get(0).get("advancedConfiguration").get("roleArn").asText())
                .as("a member ecsd does not act on is kept").isEqualTo("arn:role/ecs");
    }

    private static Service service() {
        Deployment deployment = new Deployment("ecs-svc/1", DeploymentStatus.PRIMARY, "arn:td/web:1", 3, 0, T0, T0,
                "FARGATE", null, "LATEST", new NetworkConfiguration(new NetworkConfiguration.AwsVpcConfiguration(
                        List.of("subnet-1"), List.of("sg-1"), "DISABLED")), RolloutState.IN_PROGRESS, "in progress");
        return new Service.Builder()
                .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/c/web")
                .serviceName("web")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .status(ServiceStatus.ACTIVE)
                .desiredCount(3)
                .launchType("FARGATE")
                .taskDefinition("arn:td/web:1")
                .networkConfiguration(deployment.networkConfiguration())
                .deploymentConfiguration(new DeploymentConfiguration(50, 200, true, true,
                        new CircuitBreakerOptions(false, new CircuitBreakerOptions.ThresholdConfiguration("COUNT", 2)),
                        Map.of()))
                .loadBalancers(List.of(new LoadBalancer("arn:tg/web", null, "web", 8080, Map.of("advancedConfiguration",
                        Map.of("alternateTargetGroupArn", "arn:tg/green", "roleArn", "arn:role/ecs")))))
                .placementStrategy(List.of(Map.of("type", "spread", "field", "attribute:ecs.availability-zone")))
                .healthCheckGracePeriodSeconds(60)
                .schedulingStrategy("REPLICA")
                .deploymentController("ECS")
                .propagateTags("NONE")
                .tags(List.of(new Tag("team", "web")))
                .createdAt(T0)
                .createdBy("arn:aws:iam::000000000000:root")
                .deployments(List.of(deployment))
                .events(List.of(new ServiceEvent("e1", T0, "(service web) has started 3 tasks.")))
                .consecutiveStartFailures(2)
                .throttledUntil(T0.plusSeconds(15))
                .accountedTasks(Set.of("started:arn:task/1"))
                .raisedWarnings(Set.of("throttled"))
                .build();
    }
}

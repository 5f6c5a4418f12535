package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;

/** A deleted cluster on virtual time: INACTIVE and unlisted for an hour, then forgotten; its name free again. */
class ClusterRetentionIT {
    private final Scenario scenario = Scenario.start();

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void aDeletedClusterIsDescribableAsInactiveForAnHourThenMissing() {
        scenario.ecs.createCluster(r -> r.clusterName("gone"));
        scenario.ecs.createCluster(r -> r.clusterName("stays"));
        String arn = scenario.ecs.deleteCluster(r -> r.cluster("gone")).cluster().clusterArn();
        scenario.settle();

        scenario.advance(Duration.ofMinutes(59));
        assertThat(scenario.ecs.describeClusters(r -> r.clusters("gone")).clusters())
                .extracting(Cluster::status).containsExactly("INACTIVE");
        assertThat(scenario.ecs.listClusters().clusterArns()).noneMatch(a -> a.endsWith("/gone"));

        scenario.advance(Duration.ofMinutes(6));
        DescribeClustersResponse later = scenario.ecs.describeClusters(r -> r.clusters("gone", "stays"));
        assertThat(later.clusters()).extracting(Cluster::clusterName).containsExactly("stays");
        assertThat(later.failures()).extracting(Failure::arn, Failure::reason)
                .containsExactly(tuple(arn, "MISSING"));

        assertThat(scenario.ecs.createCluster(r -> r.clusterName("gone")).cluster().status()).isEqualTo("ACTIVE");
    }
}

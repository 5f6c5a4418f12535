package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ClusterApiIT.assertClusterNotFound;
import static dev.ecsd.api.ecs.ClusterApiIT.assertInvalidParameter;
import static dev.ecsd.api.ecs.ClusterApiIT.createFullyConfiguredCluster;
import static dev.ecsd.api.ecs.ClusterApiIT.describeWith;
import static dev.ecsd.api.ecs.ClusterApiIT.setting;
import static dev.ecsd.api.ecs.ClusterApiIT.strategy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.SharedServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogging;

/** UpdateCluster, UpdateClusterSettings and PutClusterCapacityProviders through the SDK. */
class ClusterUpdateApiIT {
    private static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:000000000000:cluster/";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    @Test
    void updateClusterChangesSettingsAndExecuteCommandConfiguration() {
        ecs.createCluster(r -> r.clusterName("upd"));

        Cluster updated = ecs.updateCluster(r -> r.cluster("upd")
                .settings(setting("enabled"))
                .configuration(c -> c.executeCommandConfiguration(e -> e
                        .kmsKeyId("alias/exec")
                        .logging(ExecuteCommandLogging.OVERRIDE)
                        .logConfiguration(l -> l.cloudWatchLogGroupName("/ecs/exec").cloudWatchEncryptionEnabled(true)
                                .s3BucketName("exec-logs").s3KeyPrefix("upd"))))).cluster();

        assertThat(updated.settings()).containsExactly(setting("enabled"));
        assertThat(updated.configuration().executeCommandConfiguration().logging())
                .isEqualTo(ExecuteCommandLogging.OVERRIDE);
        Cluster described = describeWith(ecs, "upd", ClusterField.CONFIGURATIONS, ClusterField.SETTINGS);
        assertThat(described.settings()).containsExactly(setting("enabled"));
        var execute = described.configuration().executeCommandConfiguration();
        assertThat(execute.kmsKeyId()).isEqualTo("alias/exec");
        assertThat(execute.logConfiguration().cloudWatchLogGroupName()).isEqualTo("/ecs/exec");
        assertThat(execute.logConfiguration().cloudWatchEncryptionEnabled()).isTrue();
        assertThat(execute.logConfiguration().s3BucketName()).isEqualTo("exec-logs");
        assertThat(execute.logConfiguration().s3KeyPrefix()).isEqualTo("upd");
    }

    @Test
    void updateClusterWithOnlySettingsKeepsTheConfiguration() {
        ecs.createCluster(r -> r.clusterName("keep")
                .configuration(c -> c.executeCommandConfiguration(e -> e.logging(ExecuteCommandLogging.NONE))));

        ecs.updateCluster(r -> r.cluster("keep").settings(setting("enhanced")));

        Cluster described = describeWith(ecs, "keep", ClusterField.CONFIGURATIONS, ClusterField.SETTINGS);
        assertThat(described.settings()).containsExactly(setting("enhanced"));
        assertThat(described.configuration().executeCommandConfiguration().logging())
                .isEqualTo(ExecuteCommandLogging.NONE);
    }

    @Test
    void updateClusterOfAnUnknownClusterIsClusterNotFound() {
        assertClusterNotFound(() -> ecs.updateCluster(r -> r.cluster("nope").settings(setting("enabled"))));
    }

    @Test
    void updateClusterSettingsChangesContainerInsights() {
        ecs.createCluster(r -> r.clusterName("settings"));

        Cluster updated = ecs.updateClusterSettings(r -> r.cluster(ARN_PREFIX + "settings")
                .settings(setting("enabled"))).cluster();

        assertThat(updated.settings()).containsExactly(setting("enabled"));
        assertThat(describeWith(ecs, "settings", ClusterField.SETTINGS).settings()).containsExactly(setting("enabled"));
        assertInvalidParameter(() -> ecs.updateClusterSettings(r -> r.cluster("settings").settings(setting("on"))),
                "'on'");
        assertThat(describeWith(ecs, "settings", ClusterField.SETTINGS).settings()).containsExactly(setting("enabled"));
    }

    // PutClusterCapacityProviders

    @Test
    void putClusterCapacityProvidersReplacesTheProvidersAndDefaultStrategy() {
        ecs.createCluster(r -> r.clusterName("cp"));

        Cluster cluster = ecs.putClusterCapacityProviders(r -> r.cluster("cp")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(
                        CapacityProviderStrategyItem.builder().capacityProvider("FARGATE_SPOT").weight(4).build()))
                .cluster();

        assertThat(cluster.status()).isEqualTo("ACTIVE");
        assertThat(cluster.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(cluster.defaultCapacityProviderStrategy()).containsExactly(strategy("FARGATE_SPOT", 4, 0));
        assertThat(cluster.hasAttachments()).isTrue();
        assertThat(cluster.attachments()).isEmpty();
        assertThat(cluster.attachmentsStatus()).isNotNull();
        assertThat(cluster.settings()).containsExactly(setting("disabled"));
        Cluster described = ecs.describeClusters(r -> r.clusters("cp")).clusters().getFirst();
        assertThat(described.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
        assertThat(described.defaultCapacityProviderStrategy()).containsExactly(strategy("FARGATE_SPOT", 4, 0));
    }

    @Test
    void putClusterCapacityProvidersWithEmptyListsRemovesThemAll() {
        createFullyConfiguredCluster(ecs, "emptied");

        Cluster cluster = ecs.putClusterCapacityProviders(r -> r.cluster("emptied")
                .capacityProviders(List.of()).defaultCapacityProviderStrategy(List.of())).cluster();

        assertThat(cluster.capacityProviders()).isEmpty();
        assertThat(cluster.defaultCapacityProviderStrategy()).isEmpty();
        assertThat(ecs.describeClusters(r -> r.clusters("emptied")).clusters().getFirst().capacityProviders()).isEmpty();
    }

    @Test
    void putClusterCapacityProvidersValidatesTheStrategyAgainstTheNewProviders() {
        createFullyConfiguredCluster(ecs, "strict");

        assertInvalidParameter(() -> ecs.putClusterCapacityProviders(r -> r.cluster("strict")
                .capacityProviders("FARGATE_SPOT")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 0))), "not associated with the cluster");
        assertInvalidParameter(() -> ecs.putClusterCapacityProviders(r -> r.cluster("strict")
                .capacityProviders("FARGATE", "NOPE")
                .defaultCapacityProviderStrategy(List.of())), "NOPE");
        assertInvalidParameter(() -> ecs.putClusterCapacityProviders(r -> r.cluster("strict")
                .capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(strategy("FARGATE", 1, 5), strategy("FARGATE_SPOT", 1, 5))), "base");
        // nothing changed
        assertThat(ecs.describeClusters(r -> r.clusters("strict")).clusters().getFirst().capacityProviders())
                .containsExactly("FARGATE");
    }

    @Test
    void putClusterCapacityProvidersOnAnUnknownClusterIsClusterNotFound() {
        assertClusterNotFound(() -> ecs.putClusterCapacityProviders(r -> r.cluster("nope")
                .capacityProviders("FARGATE").defaultCapacityProviderStrategy(List.of())));
    }
}

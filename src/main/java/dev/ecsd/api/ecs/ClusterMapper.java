package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.control.ClusterCounts;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Tag;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ClusterConfiguration;
import software.amazon.awssdk.services.ecs.model.ClusterServiceConnectDefaults;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;

/** Maps clusters between the model and the SDK shapes. */
final class ClusterMapper {
    static final String SETTINGS = "SETTINGS";
    static final String TAGS = "TAGS";
    static final String CONFIGURATIONS = "CONFIGURATIONS";
    static final String STATISTICS = "STATISTICS";
    static final String ATTACHMENTS = "ATTACHMENTS";
    static final Set<String> ALL_INCLUDES = Set.of(SETTINGS, TAGS, CONFIGURATIONS, STATISTICS, ATTACHMENTS);

    private ClusterMapper() {
    }

    static software.amazon.awssdk.services.ecs.model.Cluster toSdk(Cluster cluster, ClusterCounts counts,
            Set<String> include) {
        software.amazon.awssdk.services.ecs.model.Cluster.Builder builder =
                software.amazon.awssdk.services.ecs.model.Cluster.builder()
                        .clusterArn(cluster.clusterArn())
                        .clusterName(cluster.clusterName())
                        .status(cluster.status().name())
                        .registeredContainerInstancesCount(counts.registeredContainerInstances())
                        .runningTasksCount(counts.runningTasks())
                        .pendingTasksCount(counts.pendingTasks())
                        .activeServicesCount(counts.activeServices())
                        .statistics(include.contains(STATISTICS) ? statistics(counts) : List.of())
                        .tags(include.contains(TAGS) ? tags(cluster.tags()) : List.of())
                        .capacityProviders(Lists.orEmpty(cluster.capacityProviders()))
                        .defaultCapacityProviderStrategy(strategy(cluster.defaultCapacityProviderStrategy()));
        if (include.contains(SETTINGS)) {
            builder.settings(settings(cluster.settings()));
        }
        if (include.contains(CONFIGURATIONS) && cluster.configuration() != null) {
            builder.configuration(SdkBridge.toSdk(cluster.configuration(), ClusterConfiguration::builder));
        }
        if (include.contains(ATTACHMENTS)) {
            // Fargate capacity needs no Auto Scaling attachments; ECS reports an empty list for it.
            builder.attachments(List.of());
        }
        if (!Lists.orEmpty(cluster.capacityProviders()).isEmpty()) {
            builder.attachmentsStatus("UPDATE_COMPLETE");
        }
        if (cluster.serviceConnectDefaults() != null) {
            builder.serviceConnectDefaults(
                    SdkBridge.toSdk(cluster.serviceConnectDefaults(), ClusterServiceConnectDefaults::builder));
        }
        return builder.build();
    }

    static List<software.amazon.awssdk.services.ecs.model.KeyValuePair> statistics(ClusterCounts counts) {
        return List.of(
                stat("runningEC2TasksCount", counts.runningEc2Tasks()),
                stat("runningFargateTasksCount", counts.runningFargateTasks()),
                stat("pendingEC2TasksCount", counts.pendingEc2Tasks()),
                stat("pendingFargateTasksCount", counts.pendingFargateTasks()),
                stat("activeEC2ServiceCount", counts.activeEc2Services()),
                stat("activeFargateServiceCount", counts.activeFargateServices()),
                stat("drainingEC2ServiceCount", counts.drainingEc2Services()),
                stat("drainingFargateServiceCount", counts.drainingFargateServices()));
    }

    private static software.amazon.awssdk.services.ecs.model.KeyValuePair stat(String name, int value) {
        return software.amazon.awssdk.services.ecs.model.KeyValuePair.builder().name(name).value(Integer.toString(value))
                .build();
    }

    static List<ClusterSetting> settings(List<KeyValuePair> settings) {
        return Lists.orEmpty(settings).stream()
                .map(s -> ClusterSetting.builder().name(s.name()).value(s.value()).build()).toList();
    }

    static List<software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem> strategy(
            List<CapacityProviderStrategyItem> strategy) {
        return Lists.orEmpty(strategy).stream()
                .map(item -> software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem.builder()
                        .capacityProvider(item.capacityProvider())
                        .weight(item.weightOrZero())
                        .base(item.baseOrZero())
                        .build())
                .toList();
    }

    static List<CapacityProviderStrategyItem> strategyFromSdk(
            List<software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem> strategy) {
        return strategy.stream()
                .map(item -> new CapacityProviderStrategyItem(item.capacityProvider(), item.weight(), item.base()))
                .toList();
    }

    static List<software.amazon.awssdk.services.ecs.model.Tag> tags(List<Tag> tags) {
        return Lists.orEmpty(tags).stream()
                .map(t -> software.amazon.awssdk.services.ecs.model.Tag.builder().key(t.key()).value(t.value()).build())
                .toList();
    }

    static List<Tag> tagsFromSdk(List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
        return tags.stream().map(t -> new Tag(t.key(), t.value())).toList();
    }
}

package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An ECS cluster. {@code configuration} and {@code serviceConnectDefaults} are kept as the user gave them:
 * ecsd stores and returns them but does not act on them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cluster(
        String clusterArn,
        String clusterName,
        ClusterStatus status,
        List<KeyValuePair> settings,
        Map<String, Object> configuration,
        List<String> capacityProviders,
        List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
        Map<String, Object> serviceConnectDefaults,
        List<Tag> tags,
        Instant createdAt,
        Instant deletedAt) {

    public Cluster {
        settings = Lists.copy(settings);
        capacityProviders = Lists.copy(capacityProviders);
        defaultCapacityProviderStrategy = Lists.copy(defaultCapacityProviderStrategy);
        tags = Lists.copy(tags);
    }

    /** A cluster that has not been deleted. */
    public Cluster(String clusterArn, String clusterName, ClusterStatus status, List<KeyValuePair> settings,
            Map<String, Object> configuration, List<String> capacityProviders,
            List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy, Map<String, Object> serviceConnectDefaults,
            List<Tag> tags, Instant createdAt) {
        this(clusterArn, clusterName, status, settings, configuration, capacityProviders,
                defaultCapacityProviderStrategy, serviceConnectDefaults, tags, createdAt, null);
    }

    /** The cluster as DeleteCluster leaves it: INACTIVE since {@code at}. */
    public Cluster deleted(Instant at) {
        return new Cluster(clusterArn, clusterName, ClusterStatus.INACTIVE, settings, configuration, capacityProviders,
                defaultCapacityProviderStrategy, serviceConnectDefaults, tags, createdAt, at);
    }

    public boolean isActive() {
        return status == ClusterStatus.ACTIVE;
    }

    public Cluster withStatus(ClusterStatus newStatus) {
        return new Cluster(clusterArn, clusterName, newStatus, settings, configuration, capacityProviders,
                defaultCapacityProviderStrategy, serviceConnectDefaults, tags, createdAt, deletedAt);
    }

    public Cluster withSettings(List<KeyValuePair> newSettings) {
        return new Cluster(clusterArn, clusterName, status, newSettings, configuration, capacityProviders,
                defaultCapacityProviderStrategy, serviceConnectDefaults, tags, createdAt, deletedAt);
    }

    public Cluster withConfiguration(Map<String, Object> newConfiguration, Map<String, Object> newServiceConnectDefaults) {
        return new Cluster(clusterArn, clusterName, status, settings, newConfiguration, capacityProviders,
                defaultCapacityProviderStrategy, newServiceConnectDefaults, tags, createdAt, deletedAt);
    }

    public Cluster withCapacityProviders(List<String> providers, List<CapacityProviderStrategyItem> strategy) {
        return new Cluster(clusterArn, clusterName, status, settings, configuration, providers,
                strategy, serviceConnectDefaults, tags, createdAt, deletedAt);
    }

    public Cluster withTags(List<Tag> newTags) {
        return new Cluster(clusterArn, clusterName, status, settings, configuration, capacityProviders,
                defaultCapacityProviderStrategy, serviceConnectDefaults, newTags, createdAt, deletedAt);
    }
}

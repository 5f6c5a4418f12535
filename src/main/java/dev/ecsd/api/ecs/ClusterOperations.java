package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.api.SdkBridge;
import dev.ecsd.control.ClusterCounts;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Quoted;
import dev.ecsd.scheduler.CapacityProviders;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterResponse;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsResponse;

/** CreateCluster, DescribeClusters, ListClusters, DeleteCluster, UpdateCluster and friends. */
public final class ClusterOperations {
    private static final Pattern CLUSTER_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final String CONTAINER_INSIGHTS = "containerInsights";
    private static final Set<String> CONTAINER_INSIGHTS_VALUES = Set.of("enabled", "disabled", "enhanced");

    private final StateStore store;
    private final EcsResources resources;
    private final AccountSettingOperations accountSettings;
    private final EcsQuotas quotas;

    public ClusterOperations(StateStore store, EcsResources resources, AccountSettingOperations accountSettings,
            EcsQuotas quotas) {
        this.store = store;
        this.resources = resources;
        this.accountSettings = accountSettings;
        this.quotas = quotas;
    }

    public CreateClusterResponse createCluster(CreateClusterRequest request) {
        String name = request.clusterName() == null ? EcsResources.DEFAULT_CLUSTER : request.clusterName();
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw ApiException.invalidParameter("Cluster name can have up to 255 characters: letters (uppercase and "
                    + "lowercase), numbers, underscores and hyphens. '" + Quoted.of(name)
                    + "' is not a valid cluster name.");
        }
        List<String> providers = request.capacityProviders();
        CapacityProviders.validateProviders(providers);
        List<CapacityProviderStrategyItem> strategy = ClusterMapper.strategyFromSdk(request.defaultCapacityProviderStrategy());
        CapacityProviders.validateDefaultStrategy(strategy, providers);
        List<KeyValuePair> settings = settings(request.settings(), defaultSettings(store.snapshot()));
        var tags = TagRules.validate(ClusterMapper.tagsFromSdk(request.tags()));
        String arn = resources.arns().cluster(name);
        Cluster cluster = store.write(tx -> {
            Cluster existing = tx.find(Kind.CLUSTER, arn).orElse(null);
            if (existing != null && existing.isActive()) {
                return existing;
            }
            quotas.checkNewCluster((int) tx.state().withKeyPrefix(Kind.CLUSTER, resources.arns().cluster(""))
                    .filter(Cluster::isActive).count());
            return tx.put(Kind.CLUSTER, new Cluster(arn, name, ClusterStatus.ACTIVE, settings,
                    SdkBridge.toMap(request.configuration()), providers, strategy,
                    SdkBridge.toMap(request.serviceConnectDefaults()), tags, tx.now()));
        });
        Set<String> include = cluster.capacityProviders().isEmpty()
                ? Set.of(ClusterMapper.SETTINGS, ClusterMapper.TAGS, ClusterMapper.CONFIGURATIONS)
                : Set.of(ClusterMapper.SETTINGS, ClusterMapper.TAGS, ClusterMapper.CONFIGURATIONS, ClusterMapper.ATTACHMENTS);
        return CreateClusterResponse.builder().cluster(describe(store.snapshot(), cluster, include)).build();
    }

    public DescribeClustersResponse describeClusters(DescribeClustersRequest request) {
        Set<String> include = includes(request.includeAsStrings());
        List<String> identifiers = request.clusters().isEmpty() ? List.of(EcsResources.DEFAULT_CLUSTER) : request.clusters();
        if (identifiers.size() > 100) {
            throw ApiException.invalidParameter("DescribeClusters accepts at most 100 clusters; the request names "
                    + identifiers.size() + ".");
        }
        Snapshot state = store.snapshot();
        List<software.amazon.awssdk.services.ecs.model.Cluster> clusters = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String identifier : identifiers) {
            String arn = resources.clusterArn(identifier);
            state.find(Kind.CLUSTER, arn).ifPresentOrElse(
                    cluster -> clusters.add(describe(state, cluster, include)),
                    () -> failures.add(Failure.builder().arn(arn).reason("MISSING").build()));
        }
        return DescribeClustersResponse.builder().clusters(clusters).failures(failures).build();
    }

    /**
     * The ACTIVE clusters only: ListClusters documents "a list of existing clusters", and a deleted (INACTIVE) cluster
     * is not listed on AWS although DescribeClusters still answers it until it is forgotten
     * ({@link dev.ecsd.control.InactiveClusterReaper}).
     */
    public ListClustersResponse listClusters(ListClustersRequest request) {
        List<Cluster> active = store.snapshot().all(Kind.CLUSTER).filter(Cluster::isActive).toList();
        Pages.Page<Cluster> page = Pages.page(active, Cluster::clusterArn, request.maxResults(), 100, 100,
                request.nextToken());
        return ListClustersResponse.builder()
                .clusterArns(page.items().stream().map(Cluster::clusterArn).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public DeleteClusterResponse deleteCluster(DeleteClusterRequest request) {
        Cluster deleted = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            ClusterCounts counts = ClusterCounts.of(tx.state(), cluster.clusterArn());
            if (counts.registeredContainerInstances() > 0) {
                throw new ApiException(ErrorType.CLUSTER_CONTAINS_CONTAINER_INSTANCES,
                        "The Cluster cannot be deleted while Container Instances are active or draining.");
            }
            if (counts.activeServices() > 0 || counts.drainingEc2Services() + counts.drainingFargateServices() > 0) {
                throw new ApiException(ErrorType.CLUSTER_CONTAINS_SERVICES,
                        "The Cluster cannot be deleted while Services are active.");
            }
            if (counts.unstoppedTasks() > 0) {
                throw new ApiException(ErrorType.CLUSTER_CONTAINS_TASKS,
                        "The Cluster cannot be deleted while Tasks are active.");
            }
            return tx.put(Kind.CLUSTER, cluster.deleted(tx.now()));
        });
        return DeleteClusterResponse.builder()
                .cluster(describe(store.snapshot(), deleted, Set.of(ClusterMapper.SETTINGS, ClusterMapper.CONFIGURATIONS)))
                .build();
    }

    public UpdateClusterResponse updateCluster(UpdateClusterRequest request) {
        Cluster updated = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            Cluster next = cluster;
            if (!request.settings().isEmpty()) {
                next = next.withSettings(settings(request.settings(), cluster.settings()));
            }
            next = next.withConfiguration(
                    request.configuration() != null ? SdkBridge.toMap(request.configuration()) : cluster.configuration(),
                    request.serviceConnectDefaults() != null ? SdkBridge.toMap(request.serviceConnectDefaults())
                            : cluster.serviceConnectDefaults());
            return tx.put(Kind.CLUSTER, next);
        });
        return UpdateClusterResponse.builder().cluster(describe(store.snapshot(), updated,
                Set.of(ClusterMapper.SETTINGS, ClusterMapper.CONFIGURATIONS))).build();
    }

    public UpdateClusterSettingsResponse updateClusterSettings(UpdateClusterSettingsRequest request) {
        Cluster updated = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            return tx.put(Kind.CLUSTER, cluster.withSettings(settings(request.settings(), cluster.settings())));
        });
        return UpdateClusterSettingsResponse.builder()
                .cluster(describe(store.snapshot(), updated, Set.of(ClusterMapper.SETTINGS))).build();
    }

    public PutClusterCapacityProvidersResponse putClusterCapacityProviders(PutClusterCapacityProvidersRequest request) {
        List<String> providers = request.capacityProviders();
        CapacityProviders.validateProviders(providers);
        List<CapacityProviderStrategyItem> strategy = ClusterMapper.strategyFromSdk(request.defaultCapacityProviderStrategy());
        CapacityProviders.validateDefaultStrategy(strategy, providers);
        Cluster updated = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            return tx.put(Kind.CLUSTER, cluster.withCapacityProviders(providers, strategy));
        });
        return PutClusterCapacityProvidersResponse.builder()
                .cluster(describe(store.snapshot(), updated, Set.of(ClusterMapper.SETTINGS, ClusterMapper.ATTACHMENTS)))
                .build();
    }

    private software.amazon.awssdk.services.ecs.model.Cluster describe(Snapshot state, Cluster cluster,
            Set<String> include) {
        return ClusterMapper.toSdk(cluster, ClusterCounts.of(state, cluster.clusterArn()), include);
    }

    private static Set<String> includes(List<String> requested) {
        Set<String> include = new HashSet<>();
        for (String value : requested) {
            if (!ClusterMapper.ALL_INCLUDES.contains(value)) {
                throw ApiException.invalidParameter("Invalid include value '" + Quoted.of(value)
                        + "'. Valid values are "
                        + String.join(", ", ClusterMapper.ALL_INCLUDES.stream().sorted().toList()) + ".");
            }
            include.add(value);
        }
        return include;
    }

    /** A new cluster's settings unless the request sets them: the caller's containerInsights account setting. */
    private List<KeyValuePair> defaultSettings(Snapshot state) {
        return List.of(new KeyValuePair(CONTAINER_INSIGHTS, accountSettings.callerValue(state, CONTAINER_INSIGHTS)));
    }

    /** The settings after applying the requested ones over the current ones. */
    private static List<KeyValuePair> settings(List<ClusterSetting> requested, List<KeyValuePair> current) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (KeyValuePair setting : Lists.orEmpty(current)) {
            merged.put(setting.name(), setting.value());
        }
        for (ClusterSetting setting : requested) {
            if (!"containerInsights".equals(setting.nameAsString())) {
                throw ApiException.invalidParameter("Invalid cluster setting name '" + Quoted.of(setting.nameAsString())
                        + "'. The only cluster setting is containerInsights.");
            }
            if (setting.value() == null || !CONTAINER_INSIGHTS_VALUES.contains(setting.value())) {
                throw ApiException.invalidParameter("Invalid value '" + Quoted.of(setting.value())
                        + "' for cluster setting containerInsights. Valid values are enabled, enhanced and disabled.");
            }
            merged.put(setting.nameAsString(), setting.value());
        }
        return merged.entrySet().stream().map(e -> new KeyValuePair(e.getKey(), e.getValue())).toList();
    }
}

package dev.ecsd.console;

import dev.ecsd.control.ClusterCounts;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The console's first page: every cluster of every region, with its services and task counts. */
public final class ClustersPage {
    private final ConsolePages pages;

    ClustersPage(ConsolePages pages) {
        this.pages = pages;
    }

    /** One cluster's line. */
    public record Row(String region, String name, String status, int services, int running, int pending,
            List<String> capacityProviders, String href) {
    }

    /** One region's clusters. */
    public record RegionClusters(String region, List<Row> clusters) {
    }

    void register(ConsoleRoutes routes) {
        routes.get("/ui/", this::show);
    }

    private ConsoleAnswer show(ConsoleRequest request) {
        List<RegionClusters> regions = new ArrayList<>();
        for (ConsoleRegion region : pages.regions().regions()) {
            List<Row> rows = rows(region.name(), region.store().snapshot());
            if (!rows.isEmpty()) {
                regions.add(new RegionClusters(region.name(), rows));
            }
        }
        PageContext page = pages.context(request, null, "Clusters");
        return pages.page(request, "clusters.jte", Map.of("page", page, "regions", regions,
                "defaultRegion", pages.regions().defaultRegion()), Set.of("clusters_list"));
    }

    /** The clusters of a region that a user still sees (INACTIVE ones are gone from ECS's console too). */
    static List<Row> rows(String region, Snapshot state) {
        return state.all(Kind.CLUSTER)
                .filter(cluster -> cluster.status() != ClusterStatus.INACTIVE)
                .sorted(Comparator.comparing(Cluster::clusterName))
                .map(cluster -> {
                    ClusterCounts counts = ClusterCounts.of(state, cluster.clusterArn());
                    return new Row(region, cluster.clusterName(), cluster.status().name(), counts.activeServices(),
                            counts.runningTasks(), counts.pendingTasks(), cluster.capacityProviders(),
                            ConsolePaths.cluster(region, cluster.clusterName()));
                })
                .toList();
    }
}

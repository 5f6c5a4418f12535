package dev.ecsd.console;

import dev.ecsd.model.Cluster;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One cluster: its capacity, counts, services and newest tasks, the last two live. */
public final class ClusterPage {
    private final ConsolePages pages;

    ClusterPage(ConsolePages pages) {
        this.pages = pages;
    }

    void register(ConsoleRoutes routes) {
        routes.get("/ui/r/{region}/clusters/{cluster}", this::show);
    }

    private ConsoleAnswer show(ConsoleRequest request) {
        String name = request.var("cluster");
        Optional<ConsoleRegion> region = pages.regions().region(request.var("region"));
        if (region.isEmpty()) {
            return pages.notFound(request, "This server serves no region named " + request.var("region")
                    + ": the clusters page lists the regions it has.");
        }
        Snapshot state = region.get().store().snapshot();
        Optional<Cluster> cluster = state.find(Kind.CLUSTER, region.get().arns().cluster(name));
        if (cluster.isEmpty()) {
            return pages.notFound(request, "There is no cluster named " + name + " in " + region.get().name()
                    + ". Make it with: aws ecs create-cluster --cluster-name " + name);
        }
        ClusterView view = ClusterView.of(region.get().name(), region.get().arns(), state, cluster.get(),
                request.query("status"));
        PageContext page = pages.context(request, region.get().name(), name);
        return pages.page(request, "cluster.jte", Map.of("page", page, "view", view), Set.of("cluster_summary",
                "cluster_services", "cluster_tasks"));
    }
}

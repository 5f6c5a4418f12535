package dev.ecsd.console;

import dev.ecsd.control.ActiveResources;
import dev.ecsd.control.ServiceCommand;
import dev.ecsd.control.ServiceLaunchChecks;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service: its counts, its deployments' progress, its events and tasks, its load balancing, autoscaling and
 * graphs, all live; and the two actions a console offers on a service, scaling it and forcing a new deployment,
 * through the same service commands UpdateService submits.
 */
public final class ServicePage {
    private static final String PATH = "/ui/r/{region}/clusters/{cluster}/services/{service}";
    private static final Set<String> PARTS = Set.of("service_summary", "service_deployments", "service_events",
            "service_tasks", "service_balancing", "service_scaling", "service_charts");

    private final ConsolePages pages;

    ServicePage(ConsolePages pages) {
        this.pages = pages;
    }

    void register(ConsoleRoutes routes) {
        routes.get(PATH, this::show);
        routes.post(PATH + "/scale", this::scale);
        routes.post(PATH + "/deploy", this::forceNewDeployment);
    }

    /** What a request's path finds: the service, or the page that says what is missing. */
    private sealed interface Lookup permits Found, Missing {
    }

    /** The page that says which of the region, cluster and service is missing. */
    private record Missing(ConsoleAnswer answer) implements Lookup {
    }

    /** The region, cluster and service a request names, and the snapshot they were read from. */
    private record Found(ConsoleRegion region, Cluster cluster, Service service, Snapshot state) implements Lookup {
        String path() {
            return ConsolePaths.service(region.name(), cluster.clusterName(), service.serviceName());
        }
    }

    private Lookup find(ConsoleRequest request) {
        String regionName = request.var("region");
        String clusterName = request.var("cluster");
        String serviceName = request.var("service");
        Optional<ConsoleRegion> region = pages.regions().region(regionName);
        if (region.isEmpty()) {
            return new Missing(pages.notFound(request, "ecsd serves no region named " + regionName + "."));
        }
        Snapshot state = region.get().store().snapshot();
        Cluster cluster = state.find(Kind.CLUSTER, region.get().arns().cluster(clusterName))
                .filter(c -> c.status() != ClusterStatus.INACTIVE).orElse(null);
        if (cluster == null) {
            return new Missing(pages.notFound(request, "There is no cluster named " + clusterName + " in " + regionName
                    + ". The clusters page lists the ones there are."));
        }
        Service service = state.find(Kind.SERVICE, region.get().arns().service(clusterName, serviceName))
                .filter(s -> s.clusterArn().equals(cluster.clusterArn())).orElse(null);
        if (service == null) {
            return new Missing(pages.notFound(request, "There is no service named " + serviceName + " in cluster "
                    + clusterName + " (" + regionName + "). Its cluster's page lists the services there are."));
        }
        return new Found(region.get(), cluster, service, state);
    }

    private ConsoleAnswer show(ConsoleRequest request) {
        Lookup lookup = find(request);
        if (!(lookup instanceof Found found)) {
            return ((Missing) lookup).answer();
        }
        String region = found.region().name();
        String clusterName = found.cluster().clusterName();
        Service service = found.service();
        List<Task> tasks = ServiceView.tasksOf(found.state(), service);
        Instant now = found.region().clock().instant();
        String part = request.part();
        Map<String, Object> params = new HashMap<>();
        params.put("page", pages.context(request, region, service.serviceName())
                .crumb(clusterName, ConsolePaths.cluster(region, clusterName)));
        params.put("path", found.path());
        params.put("summary", ServiceView.summary(region, service, tasks));
        params.put("deployments", ServiceView.deployments(region, service, tasks));
        params.put("events", ServiceView.events(service));
        params.put("tasks", ServiceView.tasks(region, clusterName, tasks));
        params.put("balancing", ServiceLoadBalancing.of(found.state(), region, clusterName, service, now));
        params.put("scaling", ServiceAutoScaling.of(found.state(), clusterName, service));
        params.put("cli", "aws --endpoint-url http://127.0.0.1:4566 --region " + region);
        // the metric store is read only for the page and its charts' own polls, not for every other part's
        params.put("charts", part == null || "service_charts".equals(part)
                ? ServiceCharts.of(found.region().metrics(), clusterName, service.serviceName(), now) : List.of());
        return pages.page(request, "service.jte", params, PARTS);
    }

    private ConsoleAnswer scale(ConsoleRequest request) {
        Lookup lookup = find(request);
        if (!(lookup instanceof Found found)) {
            return ((Missing) lookup).answer();
        }
        String given = request.form("desiredCount") == null ? "" : request.form("desiredCount").trim();
        int desired;
        try {
            desired = Integer.parseInt(given);
        } catch (NumberFormatException e) {
            return back(found, "error", "The desired count must be a whole number of tasks (0 or more), not \""
                    + given + "\".");
        }
        String name = found.service().serviceName();
        try {
            // UpdateService's check of a count comes first, before it reads the state
            found.region().services().checkDesiredCount(desired);
            // what UpdateService submits for a desired count alone
            submit(found, new ServiceCommand.SetDesiredCount(found.service().serviceArn(), desired));
        } catch (ApiException e) {
            return back(found, "error", "Could not scale " + name + ": " + e.getMessage());
        }
        return back(found, "done", "Desired count of " + name + " set to " + desired + " "
                + (desired == 1 ? "task" : "tasks") + ". The events below follow the scheduler.");
    }

    private ConsoleAnswer forceNewDeployment(ConsoleRequest request) {
        Lookup lookup = find(request);
        if (!(lookup instanceof Found found)) {
            return ((Missing) lookup).answer();
        }
        String name = found.service().serviceName();
        try {
            // UpdateService with forceNewDeployment and nothing else: a new deployment of the same settings
            submit(found, new ServiceCommand.Update(found.service().serviceArn(), null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, true));
        } catch (ApiException e) {
            return back(found, "error", "Could not start a new deployment of " + name + ": " + e.getMessage());
        }
        return back(found, "done", "A new deployment of " + name + " started: its progress is under Deployments.");
    }

    /**
     * Submits an update as UpdateService does: in one write, the cluster still ACTIVE, the service's launch settings
     * checked as UpdateService checks those an update leaves unchanged, then the command.
     */
    private static void submit(Found found, ServiceCommand command) {
        found.region().store().write(tx -> {
            Cluster cluster = ActiveResources.cluster(tx.find(Kind.CLUSTER, found.cluster().clusterArn()).orElse(null));
            Service service = ActiveResources.service(tx.find(Kind.SERVICE, found.service().serviceArn()).orElse(null));
            ServiceLaunchChecks.checkUnchanged(tx.state(), cluster, service);
            return found.region().services().apply(tx, command);
        });
    }

    private static ConsoleAnswer back(Found found, String kind, String message) {
        return ConsoleAnswer.seeOther(found.path() + "?" + kind + "="
                + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }
}

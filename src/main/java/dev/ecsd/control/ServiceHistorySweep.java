package dev.ecsd.control;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the deployment history as ECS does: a service's deployments are kept for 90 days after they were created
 * (one still under way is kept until it ends), a revision while it is that recent, is still running or is named by
 * a kept deployment, and a deleted service's history goes with it. A controller of one key, run at every resync.
 */
public final class ServiceHistorySweep {
    public static final String NAME = "service-history";
    public static final Duration RETENTION = Duration.ofDays(90);
    public static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHistorySweep.class);

    private ServiceHistorySweep() {
    }

    public static void register(ControllerRuntime runtime, StateStore store) {
        runtime.register(NAME, key -> {
            int pruned = prune(store);
            if (pruned > 0) {
                LOG.info("pruned {} service deployments and revisions past ECS's history", pruned);
            }
            return Outcome.done();
        }, () -> List.of("history"), EVERY, 1);
    }

    /** What is due for deletion at {@code now}: the keys of service deployments and of service revisions. */
    public record Due(List<String> deployments, List<String> revisions) {
        public boolean isEmpty() {
            return deployments.isEmpty() && revisions.isEmpty();
        }
    }

    /** Pure: what the history of {@code state} no longer keeps at {@code now}. */
    public static Due due(Snapshot state, Instant now) {
        Instant cutoff = now.minus(RETENTION);
        List<String> deployments = new ArrayList<>();
        Set<String> named = new HashSet<>();
        state.all(Kind.SERVICE_DEPLOYMENT).forEach(d -> {
            boolean serviceGone = state.find(Kind.SERVICE, d.serviceArn()).filter(Service::isActive).isEmpty();
            if (serviceGone || !d.status().isOngoing() && d.createdAt().isBefore(cutoff)) {
                deployments.add(d.serviceDeploymentArn());
            } else {
                named.addAll(revisionsOf(d));
            }
        });
        List<String> revisions = new ArrayList<>();
        state.all(Kind.SERVICE_REVISION).forEach(r -> {
            Service service = state.find(Kind.SERVICE, r.serviceArn()).filter(Service::isActive).orElse(null);
            boolean kept = service != null && (!r.createdAt().isBefore(cutoff) || named.contains(r.serviceRevisionArn())
                    || running(service).contains(r.serviceRevisionArn()));
            if (!kept) {
                revisions.add(r.serviceRevisionArn());
            }
        });
        return new Due(deployments, revisions);
    }

    private static Set<String> revisionsOf(ServiceDeployment deployment) {
        Set<String> arns = new HashSet<>();
        Lists.orEmpty(deployment.sourceServiceRevisions()).forEach(r -> arns.add(r.arn()));
        if (deployment.targetServiceRevision() != null) {
            arns.add(deployment.targetServiceRevision().arn());
        }
        if (deployment.rollback() != null) {
            arns.add(deployment.rollback().serviceRevisionArn());
        }
        return arns;
    }

    /** The revisions of the service's deployments, and of the one a rollback would return to. */
    private static Set<String> running(Service service) {
        Set<String> arns = new HashSet<>();
        List<Deployment> deployments = new ArrayList<>(Lists.orEmpty(service.deployments()));
        if (service.lastCompletedDeployment() != null) {
            deployments.add(service.lastCompletedDeployment());
        }
        deployments.forEach(d -> arns.add(ServiceRevision.arnOf(service.serviceArn(), d.id())));
        return arns;
    }

    /** Deletes what is due; answers how many records went. */
    public static int prune(StateStore store) {
        if (due(store.snapshot(), store.now()).isEmpty()) {
            return 0;
        }
        return store.write(tx -> {
            Due due = due(tx.state(), tx.now());
            due.deployments().forEach(arn -> tx.delete(Kind.SERVICE_DEPLOYMENT, arn));
            due.revisions().forEach(arn -> tx.delete(Kind.SERVICE_REVISION, arn));
            return due.deployments().size() + due.revisions().size();
        });
    }
}

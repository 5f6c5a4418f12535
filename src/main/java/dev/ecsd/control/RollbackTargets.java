package dev.ecsd.control;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceDeploymentStatus;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Comparator;
import java.util.Optional;

/**
 * The deployment a rollback (the circuit breaker's, or StopServiceDeployment's) returns to, read from the service's
 * deployment history as ECS reads it: the revision of the newest deployment that completed — a SUCCESSFUL one's
 * target, or the revision a ROLLBACK_SUCCESSFUL one went back to — rebuilt as a deployment with that revision's
 * spec. A service stored by an earlier release, which has no history, falls back to the copy it kept.
 */
public final class RollbackTargets {
    private static final String DEPLOYMENT_ID_PREFIX = "ecs-svc/";

    private RollbackTargets() {
    }

    public static Optional<Deployment> lastCompleted(Snapshot state, Service service) {
        Optional<Deployment> fromHistory = state.indexed(Kind.SERVICE_DEPLOYMENT, service.serviceArn())
                .filter(d -> completedRevision(d) != null && d.finishedAt() != null)
                .max(Comparator.comparing(ServiceDeployment::finishedAt))
                .flatMap(d -> state.find(Kind.SERVICE_REVISION, completedRevision(d)))
                .map(revision -> deploymentOf(revision, service));
        return fromHistory.or(() -> Optional.ofNullable(service.lastCompletedDeployment()));
    }

    /** The revision a finished deployment left the service on, or null when it left it on none of its own. */
    private static String completedRevision(ServiceDeployment deployment) {
        if (deployment.status() == ServiceDeploymentStatus.SUCCESSFUL && deployment.targetServiceRevision() != null) {
            return deployment.targetServiceRevision().arn();
        }
        if (deployment.status() == ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL && deployment.rollback() != null) {
            return deployment.rollback().serviceRevisionArn();
        }
        return null;
    }

    /** A revision as the deployment it was: its id is the revision's, its spec the revision's. */
    static Deployment deploymentOf(ServiceRevision revision, Service service) {
        String arn = revision.serviceRevisionArn();
        String id = DEPLOYMENT_ID_PREFIX + arn.substring(arn.lastIndexOf('/') + 1);
        return new Deployment(id, DeploymentStatus.ACTIVE, revision.taskDefinition(), service.desiredCount(), 0,
                revision.createdAt(), revision.createdAt(), revision.launchType(), revision.capacityProviderStrategy(),
                revision.platformVersion(), revision.networkConfiguration(), RolloutState.COMPLETED,
                "ECS deployment " + id + " completed.", revision.loadBalancers());
    }
}

package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What StopServiceDeployment does to a service, as a pure function: a rollback makes the last completed deployment
 * primary again, as the circuit breaker's rollback does (the scheduler then replaces the stopped deployment's tasks);
 * an abort leaves the deployment FAILED where it is, so it starts no more tasks and keeps the ones it has.
 */
public final class DeploymentStops {
    private DeploymentStops() {
    }

    public static Service decide(Service service, ServiceCommand.StopDeployment stop, Instant now,
            Supplier<String> eventIds) {
        return decide(service, stop, now, eventIds, service.lastCompletedDeployment());
    }

    /** As above, rolling back to {@code target}: the deployment the history says the service last completed. */
    public static Service decide(Service service, ServiceCommand.StopDeployment stop, Instant now,
            Supplier<String> eventIds, Deployment target) {
        // ECS documents ConflictException for a deployment in a state it cannot stop, and no message: ours
        Deployment primary = service.primary()
                .filter(d -> d.id().equals(stop.deploymentId()) && d.rolloutState() == RolloutState.IN_PROGRESS)
                .orElseThrow(() -> new ApiException(ErrorType.CONFLICT,
                        "The service deployment is not in progress and cannot be stopped."));
        String name = service.serviceName();
        if (!stop.rollback()) {
            Deployment stopped = primary.withRollout(RolloutState.FAILED,
                    "ECS deployment " + primary.id() + " stopped.", now);
            return ServiceActions.apply(service, List.of(new ServiceAction.PutDeployment(stopped),
                    new ServiceAction.AppendEvent("(service " + name + ") (deployment " + primary.id()
                            + ") deployment stopped.")), now, eventIds);
        }
        if (target == null || target.id().equals(primary.id())) {
            throw new ApiException(ErrorType.CONFLICT,
                    "The service deployment has no earlier service revision to roll back to.");
        }
        Deployment failed = primary.withStatus(DeploymentStatus.ACTIVE, now).withRollout(RolloutState.FAILED,
                "ECS deployment " + primary.id() + " stopped: rolling back to deploymentId " + target.id() + ".", now);
        Deployment rollback = target.withStatus(DeploymentStatus.PRIMARY, now)
                .withDesiredCount(service.desiredCount(), now)
                .withFailedTasks(0, now)
                .withRollout(RolloutState.IN_PROGRESS, "Service deployment stopped by a StopServiceDeployment "
                        + "request: rolling back to deploymentId " + target.id() + ".", now);
        Service rolledBack = ServiceActions.apply(service, List.of(new ServiceAction.PutDeployment(failed),
                new ServiceAction.PutDeployment(rollback), new ServiceAction.RestoreLaunchSettings(rollback),
                new ServiceAction.AppendEvent("(service " + name + ") rolling back to deployment " + target.id()
                        + ".")),
                now, eventIds);
        Service.Builder next = rolledBack.toBuilder().lastSteadyStateAt(null);
        // a rollback starts afresh, as the circuit breaker's does: the launch throttle of the stopped one is lifted
        ServicePlanner.clearThrottle(next, rolledBack);
        return next.build();
    }
}

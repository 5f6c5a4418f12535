package dev.ecsd.control.autoscaling;

import dev.ecsd.control.ServiceCommand;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Lists;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Transaction;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where Application Auto Scaling meets ECS: the service a scalable target names, and setting its desired count within
 * a transaction through {@link ServiceCommands} — the path UpdateService takes — with the activity that records it.
 */
public final class ServiceScaling {
    private final Arns arns;
    private final ServiceCommands commands;
    private final Supplier<String> ids;

    public ServiceScaling(Arns arns, ServiceCommands commands, Supplier<String> ids) {
        this.arns = arns;
        this.commands = commands;
        this.ids = ids;
    }

    /** The ARN of the service {@code service/<cluster>/<service>} names, or empty when it is not that shape. */
    public Optional<String> serviceArn(String resourceId) {
        String[] parts = resourceId == null ? new String[0] : resourceId.split("/", -1);
        if (parts.length != 3 || !parts[0].equals("service") || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(arns.service(parts[1], parts[2]));
    }

    /** The ACTIVE service a target scales, as {@code tx} sees it. */
    public Optional<Service> service(Transaction tx, ScalableTarget target) {
        return serviceArn(target.resourceId()).flatMap(arn -> tx.find(Kind.SERVICE, arn)).filter(Service::isActive);
    }

    public static boolean deploymentInProgress(Service service) {
        return Lists.orEmpty(service.deployments()).stream()
                .anyMatch(d -> d.rolloutState() == RolloutState.IN_PROGRESS);
    }

    /**
     * Sets the service's desired count and writes the Successful activity; answers the activity. When ECS refuses
     * the count (above the tasks-per-service quota), the activity is Failed with ECS's reason, as AWS records a
     * refused UpdateService, and the service is left as it was.
     */
    public ScalingActivity setDesiredCount(Transaction tx, ScalableTarget target, Service service, int desiredCount,
            String cause) {
        try {
            commands.apply(tx, new ServiceCommand.SetDesiredCount(service.serviceArn(), desiredCount));
        } catch (ApiException refused) {
            return tx.put(Kind.SCALING_ACTIVITY, ScalingActivities.failed(ids.get(), target, desiredCount, cause,
                    refused.type().code() + ": " + refused.getMessage(), tx.now()));
        }
        return tx.put(Kind.SCALING_ACTIVITY, ScalingActivities.succeeded(ids.get(), target, desiredCount, cause,
                tx.now()));
    }

    /**
     * After a target's min or max changed (RegisterScalableTarget, a scheduled action), moves a desired count outside
     * the new range into it, as AWS does, with the cause AWS gives ("minimum capacity was set to 3").
     */
    public void moveIntoRange(Transaction tx, ScalableTarget target) {
        service(tx, target).ifPresent(service -> {
            int desired = service.desiredCount();
            if (desired < target.minCapacity()) {
                setDesiredCount(tx, target, service, target.minCapacity(),
                        "minimum capacity was set to " + target.minCapacity());
            } else if (desired > target.maxCapacity()) {
                setDesiredCount(tx, target, service, target.maxCapacity(),
                        "maximum capacity was set to " + target.maxCapacity());
            }
        });
    }

    public String newId() {
        return ids.get();
    }
}

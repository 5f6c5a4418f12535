package dev.ecsd.control;

import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceRegistry;
import java.util.List;
import java.util.Map;

/**
 * What a request means for a service, in domain terms. The API layer validates a request and submits one of
 * these; {@link ServiceCommands} decides what follows (above all, whether a new deployment starts). Autoscaling
 * and the console submit the same commands.
 */
public sealed interface ServiceCommand {

    /** A new service, as the API validated it; its first deployment is decided here. */
    record Create(Service service) implements ServiceCommand {
    }

    /**
     * Changes to a service; a null member is left as it is. A new capacity provider strategy replaces the launch
     * type. {@code forceNewDeployment} starts a deployment even when nothing it depends on changed.
     */
    record Update(
            String serviceArn,
            Integer desiredCount,
            String taskDefinition,
            NetworkConfiguration networkConfiguration,
            List<CapacityProviderStrategyItem> capacityProviderStrategy,
            String platformVersion,
            List<LoadBalancer> loadBalancers,
            List<ServiceRegistry> serviceRegistries,
            DeploymentConfiguration deploymentConfiguration,
            Integer healthCheckGracePeriodSeconds,
            List<Map<String, Object>> placementConstraints,
            List<Map<String, Object>> placementStrategy,
            String propagateTags,
            Boolean enableECSManagedTags,
            Boolean enableExecuteCommand,
            boolean forceNewDeployment) implements ServiceCommand {
    }

    /** A new desired count and nothing else: what scaling (a user's, autoscaling's) asks. */
    record SetDesiredCount(String serviceArn, int desiredCount) implements ServiceCommand {
    }

    /** Scale to zero and drain; the service becomes INACTIVE once its tasks have stopped. */
    record Delete(String serviceArn) implements ServiceCommand {
    }

    /**
     * Stops the deployment {@code deploymentId} while it is in progress (StopServiceDeployment): with
     * {@code rollback}, the service goes back to its last completed deployment, as the circuit breaker's rollback
     * does; without, the deployment stays where it is and starts no more tasks.
     */
    record StopDeployment(String serviceArn, String deploymentId, boolean rollback) implements ServiceCommand {
    }
}

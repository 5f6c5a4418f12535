package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.Service;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.scheduler.CapacityProviders;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.List;

/**
 * What CreateService, CreateTaskSet and UpdateService check of the settings a service's tasks launch with: a task
 * definition that exists, a network configuration that fits it, a launch type or capacity provider strategy the
 * cluster and the definition allow. UpdateService checks them even when it changes none (a desired count, a forced
 * deployment), and so does the console's scale and force-new-deployment, through {@link #checkUnchanged}.
 */
public final class ServiceLaunchChecks {
    private ServiceLaunchChecks() {
    }

    /** Refuses a service whose task definition is gone, as UpdateService does. */
    public static TaskDefinition requireDefinition(TaskDefinition definition) {
        if (definition == null) {
            throw ApiException.client("TaskDefinition not found.");
        }
        return definition;
    }

    /**
     * UpdateService's checks of the launch settings after an update: {@code network} and {@code strategy} as the
     * update gives them (null: the service's own).
     */
    public static void checkUpdate(Cluster cluster, Service service, TaskDefinition definition,
            NetworkConfiguration network, List<CapacityProviderStrategyItem> strategy) {
        TaskLaunch.validateNetwork(definition, network != null ? network : service.networkConfiguration());
        checkCapacity(cluster, definition, strategy != null ? null : service.launchType(),
                Lists.orEmpty(strategy != null ? strategy : service.capacityProviderStrategy()),
                service.schedulingStrategy());
    }

    /**
     * UpdateService's checks of an update that changes no launch setting; none for a service deployed through task
     * sets, whose update leaves them to the task sets.
     */
    public static void checkUnchanged(Snapshot state, Cluster cluster, Service service) {
        if (service.runsTaskSets()) {
            return;
        }
        TaskDefinition definition = requireDefinition(
                state.find(Kind.TASK_DEFINITION, service.taskDefinition()).orElse(null));
        checkUpdate(cluster, service, definition, null, null);
    }

    /** A launch type or capacity provider strategy the cluster offers and the task definition is compatible with. */
    public static void checkCapacity(Cluster cluster, TaskDefinition definition, String launchType,
            List<CapacityProviderStrategyItem> strategy, String schedulingStrategy) {
        boolean fargate = "FARGATE".equals(launchType) || !strategy.isEmpty();
        if ("DAEMON".equals(schedulingStrategy) && fargate) {
            throw ApiException.invalidParameter("The DAEMON scheduling strategy is not supported with the Fargate "
                    + "launch type or with Fargate capacity providers.");
        }
        if (!strategy.isEmpty()) {
            CapacityProviders.validateStrategy(strategy, Lists.orEmpty(cluster.capacityProviders()));
        }
        if (fargate && !Lists.orEmpty(definition.compatibilities()).contains("FARGATE")) {
            throw ApiException.invalidParameter("Task definition does not support launch_type FARGATE.");
        }
    }
}

package dev.ecsd.api.ecs;

import dev.ecsd.control.ServiceCommands;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Quoted;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * What CreateService and UpdateService accept for a service of task sets (the EXTERNAL and CODE_DEPLOY deployment
 * controllers): its task definition, network, load balancers, service registries and launch settings belong to its
 * task sets, so UpdateService changes only the desired count, grace period, placement, deployment configuration and
 * tag options, as ECS documents.
 */
final class ExternalServiceRules {
    private ExternalServiceRules() {
    }

    /** The deployment controller types ECS knows; CODE_DEPLOY needs CodeDeploy, which ecsd does not run. */
    static String controller(String type) {
        String controller = type == null ? "ECS" : type;
        if (!Set.of("ECS", "EXTERNAL", "CODE_DEPLOY").contains(controller)) {
            throw ApiException.invalidParameter("Invalid deploymentController type '" + Quoted.of(
                    controller) + "'. Valid values are ECS, CODE_DEPLOY and EXTERNAL.");
        }
        return controller;
    }

    static void checkCreate(CreateServiceRequest request, String scheduling) {
        if ("DAEMON".equals(scheduling)) {
            // ECS documents that the EXTERNAL controller does not support DAEMON; the message is ours
            throw ApiException.invalidParameter("The EXTERNAL deployment controller does not support the DAEMON "
                    + "scheduling strategy.");
        }
        if (request.taskDefinition() == null && request.hasLoadBalancers() && !request.loadBalancers().isEmpty()) {
            // ours: a load balancer's container is checked against a task definition, which this service has not
            throw ApiException.invalidParameter("A service with the EXTERNAL deployment controller and no task "
                    + "definition takes its load balancers from its task sets: give them to CreateTaskSet.");
        }
    }

    /**
     * Refuses what UpdateService may not change on a service of task sets, with ECS's messages for CODE_DEPLOY
     * services (observed: "Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use
     * AWS CodeDeploy to trigger a new deployment.", "Unable to update network parameters …", "Cannot force a new
     * deployment …"); the EXTERNAL ones are worded the same way, with our own advice at the end.
     */
    static void checkUpdate(UpdateServiceRequest request, String controller) {
        String refused = null;
        if (request.taskDefinition() != null) {
            refused = "Unable to update task definition";
        } else if (request.networkConfiguration() != null) {
            refused = "Unable to update network parameters";
        } else if (request.hasCapacityProviderStrategy() && !request.capacityProviderStrategy().isEmpty()) {
            refused = "Unable to update capacity provider strategy";
        } else if (request.platformVersion() != null) {
            refused = "Unable to update platform version";
        } else if (request.hasLoadBalancers()) {
            refused = "Unable to update load balancers";
        } else if (request.hasServiceRegistries()) {
            refused = "Unable to update service registries";
        } else if (Boolean.TRUE.equals(request.forceNewDeployment())) {
            refused = "Cannot force a new deployment";
        }
        if (refused != null) {
            throw ServiceCommands.taskSetUpdateRefused(refused, controller);
        }
    }
}

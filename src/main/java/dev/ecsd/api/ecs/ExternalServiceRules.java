package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Quoted;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * What CreateService and UpdateService accept for a service with the EXTERNAL deployment controller: its task
 * definition, network, load balancers, service registries and launch settings belong to its task sets, so
 * UpdateService changes only the desired count, grace period, placement, deployment configuration and tag options,
 * as ECS documents.
 */
final class ExternalServiceRules {
    private ExternalServiceRules() {
    }

    /** The deployment controller types ECS knows; CODE_DEPLOY needs CodeDeploy, which ecsd does not run. */
    static String controller(String type) {
        String controller = type == null ? "ECS" : type;
        if ("CODE_DEPLOY".equals(controller)) {
            throw ApiException.invalidParameter("The CODE_DEPLOY deployment controller needs AWS CodeDeploy, which "
                    + "ecsd does not run: use the ECS or EXTERNAL deployment controller.");
        }
        if (!"ECS".equals(controller) && !"EXTERNAL".equals(controller)) {
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

    /** Refuses what UpdateService may not change on an external controller's service. */
    static void checkUpdate(UpdateServiceRequest request) {
        List<String> refused = new ArrayList<>();
        if (request.taskDefinition() != null) {
            refused.add("task definition");
        }
        if (request.networkConfiguration() != null) {
            refused.add("network configuration");
        }
        if (request.hasCapacityProviderStrategy() && !request.capacityProviderStrategy().isEmpty()) {
            refused.add("capacity provider strategy");
        }
        if (request.platformVersion() != null) {
            refused.add("platform version");
        }
        if (request.hasLoadBalancers()) {
            refused.add("load balancers");
        }
        if (request.hasServiceRegistries()) {
            refused.add("service registries");
        }
        if (Boolean.TRUE.equals(request.forceNewDeployment())) {
            refused.add("forceNewDeployment");
        }
        if (!refused.isEmpty()) {
            // ours, worded as ECS words its refusal for CODE_DEPLOY services
            throw ApiException.invalidParameter("Unable to update " + String.join(", ", refused) + " on services "
                    + "with a EXTERNAL deployment controller. Create a new task set instead (CreateTaskSet).");
        }
    }
}

package dev.ecsd.api.ecs;

import dev.ecsd.model.Attribute;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Secret;
import dev.ecsd.model.TaskDefinition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code requiresAttributes} ECS derives from a task definition: the agent capabilities its features need. Pure. */
final class RequiredAttributes {
    static final Pattern ECR_IMAGE = Pattern.compile("^[0-9]{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*");

    private RequiredAttributes() {
    }

    static List<Attribute> of(TaskDefinition requested, List<ContainerDefinition> containers,
            String networkMode) {
        Set<String> names = new LinkedHashSet<>();
        boolean hasExecutionRole = requested.executionRoleArn() != null;
        boolean awslogs = containers.stream().anyMatch(c -> c.logConfiguration() != null && c.logConfiguration().isAwslogs());
        boolean ecr = containers.stream().anyMatch(c -> ECR_IMAGE.matcher(c.image()).matches());
        if (awslogs) {
            names.add("com.amazonaws.ecs.capability.logging-driver.awslogs");
            if (hasExecutionRole) {
                names.add("ecs.capability.execution-role-awslogs");
            }
        }
        if (ecr) {
            names.add("com.amazonaws.ecs.capability.ecr-auth");
        }
        if (awslogs) {
            names.add("com.amazonaws.ecs.capability.docker-remote-api.1.19");
        }
        if (requested.taskRoleArn() != null) {
            names.add("com.amazonaws.ecs.capability.task-iam-role");
        }
        if (containers.stream().anyMatch(c -> c.healthCheck() != null)) {
            names.add("ecs.capability.container-health-check");
        }
        if (containers.stream().anyMatch(c -> !Lists.orEmpty(c.dependsOn()).isEmpty())) {
            names.add("ecs.capability.container-ordering");
        }
        if (ecr && hasExecutionRole) {
            names.add("ecs.capability.execution-role-ecr-pull");
        }
        for (ContainerDefinition container : containers) {
            if (Lists.orEmpty(container.additionalFields()).get("repositoryCredentials") != null) {
                names.add("com.amazonaws.ecs.capability.private-registry-authentication.secretsmanager");
            }
            for (Secret secret : Lists.orEmpty(container.secrets())) {
                names.add(secret.valueFrom() != null && secret.valueFrom().contains(":secretsmanager:")
                        ? "ecs.capability.secrets.asm.environment-variables"
                        : "ecs.capability.secrets.ssm.environment-variables");
            }
        }
        if ("awsvpc".equals(networkMode)) {
            names.add("com.amazonaws.ecs.capability.docker-remote-api.1.18");
            names.add("ecs.capability.task-eni");
        }
        return names.stream().map(Attribute::named).toList();
    }
}

package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.Secret;
import dev.ecsd.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ECS's registration checks on what a task resolves when it starts: container {@code secrets}, a log
 * configuration's {@code secretOptions} and {@code repositoryCredentials}. Whether the secrets exist is known only at
 * task start, as on ECS. Pure.
 */
final class SecretRules {
    /** A Secrets Manager secret's ARN (optionally with its selector) or an SSM parameter's. */
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\\d{12}:secret:[^:]+(:[^:]*:[^:]*:[^:]*)?"
                    + "|ssm:[a-z0-9-]+:\\d{12}:parameter/.+)");
    private static final Pattern SECRETS_MANAGER_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[^:]+");

    private SecretRules() {
    }

    /** A secret names its variable and where its value comes from; repository credentials name a secret. */
    static void validate(ContainerDefinition container) {
        validate(Lists.orEmpty(container.secrets()), "Secret");
        if (container.logConfiguration() != null) {
            validate(Lists.orEmpty(container.logConfiguration().secretOptions()), "SecretOption");
        }
        Object credentials = Lists.orEmpty(container.additionalFields()).get("repositoryCredentials");
        if (credentials != null) {
            Object parameter = credentials instanceof Map<?, ?> map ? map.get("credentialsParameter") : null;
            if (!(parameter instanceof String text) || text.isBlank()) {
                throw ApiException.client("RepositoryCredentials.credentialsParameter should not be null or empty.");
            }
            if (text.startsWith("arn:") && !SECRETS_MANAGER_ARN.matcher(text).matches()) {
                throw ApiException.client("Invalid repositoryCredentials credentialsParameter '" + Quoted.of(text)
                        + "'. It must "
                        + "be the ARN or the name of a Secrets Manager secret.");
            }
        }
    }

    /** ECS's agent resolves all of these with the task's execution role, on every launch type. */
    static void requireExecutionRole(TaskDefinition requested, List<ContainerDefinition> containers) {
        if (requested.executionRoleArn() != null) {
            return;
        }
        if (containers.stream().anyMatch(c -> !Lists.orEmpty(c.secrets()).isEmpty())) {
            throw ApiException.client("When you are specifying container secrets, you must also specify a value for "
                    + "'executionRoleArn'.");
        }
        if (containers.stream().anyMatch(c -> c.logConfiguration() != null
                && !Lists.orEmpty(c.logConfiguration().secretOptions()).isEmpty())) {
            throw ApiException.client("When you are specifying log configuration secret options, you must also "
                    + "specify a value for 'executionRoleArn'.");
        }
        if (containers.stream().anyMatch(c -> Lists.orEmpty(c.additionalFields()).get("repositoryCredentials") != null)) {
            throw ApiException.client("When you are specifying repository credentials, you must also specify a value "
                    + "for 'executionRoleArn'.");
        }
    }

    private static void validate(List<Secret> secrets, String shape) {
        for (Secret secret : secrets) {
            if (secret.name() == null || secret.name().isEmpty()) {
                throw ApiException.client(shape + ".name should not be null or empty.");
            }
            if (secret.valueFrom() == null || secret.valueFrom().isBlank()) {
                throw ApiException.client(shape + ".valueFrom should not be null or empty.");
            }
            String valueFrom = secret.valueFrom();
            if (valueFrom.startsWith("arn:") && !SECRET_ARN.matcher(valueFrom).matches()) {
                throw ApiException.client("Invalid secret valueFrom '" + Quoted.of(valueFrom)
                        + "'. It must be the ARN of a "
                        + "Secrets Manager secret or of a Systems Manager parameter, or the name of a parameter.");
            }
        }
    }
}

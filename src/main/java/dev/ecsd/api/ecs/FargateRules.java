package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.LogConfiguration;
import dev.ecsd.model.TaskDefinition;
import java.util.List;
import java.util.Set;

/**
 * What a task definition must be to run on Fargate, with ECS's messages: awsvpc, task-level cpu and memory of
 * Fargate's sizes, no ipcMode, pidMode {@code task} only, Fargate's log drivers, and an execution role where awslogs
 * or ECR images need one. Checked when FARGATE is required, and to decide whether FARGATE is compatible. Pure.
 */
final class FargateRules {
    private static final Set<String> FARGATE_LOG_DRIVERS = Set.of("awslogs", "splunk", "awsfirelens");

    private FargateRules() {
    }

    static void validate(TaskDefinition requested, List<ContainerDefinition> containers, String networkMode,
            Integer cpu, Integer memory) {
        if (!"awsvpc".equals(networkMode)) {
            throw ApiException.client("Fargate only supports network mode \u2018awsvpc\u2019.");
        }
        if (cpu == null) {
            throw ApiException.client("Fargate requires that 'cpu' be defined at the task level.");
        }
        if (memory == null) {
            throw ApiException.client("Fargate requires that 'memory' be defined at the task level.");
        }
        // The developer guide: an invalid cpu *or memory* value is answered with the same 'cpu' message.
        if (!FargateSizes.isValid(cpu, memory)) {
            throw ApiException.client("Invalid 'cpu' setting for task. For more information, see the Troubleshooting "
                    + "section of the Amazon ECS Developer Guide.");
        }
        if (requested.ipcMode() != null) {
            throw ApiException.client("Tasks using the Fargate launch type do not support ipcMode.");
        }
        // ECS documents "task" as Fargate's only pidMode but not its message: this is the one ECS answers (as
        // recorded by moto's tests and CloudFormation's pre-flight checks).
        if (requested.pidMode() != null && !"task".equals(requested.pidMode())) {
            throw ApiException.client("Tasks using the Fargate launch type do not support pidMode '"
                    + requested.pidMode() + "'. The supported value for pidMode is 'task'.");
        }
        for (ContainerDefinition container : containers) {
            LogConfiguration logging = container.logConfiguration();
            if (logging != null && !FARGATE_LOG_DRIVERS.contains(logging.logDriver())) {
                throw ApiException.client("Fargate does not support the log driver " + logging.logDriver()
                        + ". Use awslogs, splunk or awsfirelens.");
            }
            if (logging != null && logging.isAwslogs()) {
                if (requested.executionRoleArn() == null) {
                    throw ApiException.client("Fargate requires task definition to have execution role ARN to support log driver awslogs.");
                }
                if (logging.option("awslogs-stream-prefix") == null) {
                    throw ApiException.client("Fargate requires log configuration options to include awslogs-stream-prefix "
                            + "to support log driver awslogs.");
                }
            }
            if (RequiredAttributes.ECR_IMAGE.matcher(container.image()).matches() && requested.executionRoleArn() == null) {
                throw ApiException.client("Fargate requires task definition to have execution role ARN to support ECR images.");
            }
        }
    }

    static boolean compatible(TaskDefinition requested, List<ContainerDefinition> containers,
            String networkMode, Integer cpu, Integer memory) {
        try {
            validate(requested, containers, networkMode, cpu, memory);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }
}

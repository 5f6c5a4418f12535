package dev.ecsd.api.ecs;

import dev.ecsd.control.ActiveResources;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Resolves the names and ARNs users give for ECS resources, with ECS's defaults and errors. */
public record EcsResources(Arns arns) {
    public static final String DEFAULT_CLUSTER = "default";

    /** The ARN for a cluster given by name or ARN; none means the {@code default} cluster, as in ECS. */
    public String clusterArn(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return arns.cluster(DEFAULT_CLUSTER);
        }
        if (Arns.isArn(identifier)) {
            String resource = arns.ecsResource(identifier).orElse("");
            if (!resource.startsWith("cluster/")) {
                throw ApiException.invalidParameter("Invalid cluster identifier '" + Quoted.of(identifier)
                        + "': expected a cluster name or an ECS cluster ARN of this account and region.");
            }
            return identifier;
        }
        return arns.cluster(identifier);
    }

    /** A task definition as users name it: a family, with a revision when one was given. */
    public record TaskDefinitionName(String family, Integer revision) {
    }

    /**
     * Reads {@code family}, {@code family:revision} or a task definition ARN. Anything else is refused with
     * {@code unreadable} as the message.
     */
    public TaskDefinitionName taskDefinitionName(String identifier, String unreadable) {
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.client(unreadable);
        }
        String value = identifier;
        if (Arns.isArn(identifier)) {
            String resource = arns.ecsResource(identifier).orElse("");
            if (!resource.startsWith("task-definition/")) {
                throw ApiException.client(unreadable);
            }
            value = resource.substring("task-definition/".length());
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new TaskDefinitionName(value, null);
        }
        try {
            int revision = Integer.parseInt(value.substring(colon + 1));
            if (revision < 1) {
                throw ApiException.client(unreadable);
            }
            return new TaskDefinitionName(value.substring(0, colon), revision);
        } catch (NumberFormatException e) {
            throw ApiException.client(unreadable);
        }
    }

    /**
     * The revision a user means: {@code family:revision} or an ARN names one revision whatever its status;
     * a bare family means its latest ACTIVE revision.
     */
    public Optional<TaskDefinition> taskDefinition(Snapshot state, String identifier, String unreadable) {
        TaskDefinitionName name = taskDefinitionName(identifier, unreadable);
        if (name.revision() != null) {
            return state.find(Kind.TASK_DEFINITION, arns.taskDefinition(name.family(), name.revision()));
        }
        return state.withKeyPrefix(Kind.TASK_DEFINITION, arns.taskDefinition(name.family(), 1).replaceFirst(":1$", ":"))
                .filter(definition -> definition.status() == TaskDefinitionStatus.ACTIVE)
                .max(Comparator.comparingInt(TaskDefinition::revision));
    }

    /** The revision a RunTask or a service means, which must exist and be able to run new tasks. */
    public TaskDefinition runnableTaskDefinition(Snapshot state, String identifier) {
        return TaskLaunch.requireRunnable(taskDefinition(state, identifier, "TaskDefinition not found.")
                .orElseThrow(() -> ApiException.client("TaskDefinition not found.")));
    }

    /** Checks an {@code include} list whose only valid value is TAGS; returns whether TAGS was asked for. */
    public static boolean includesTags(List<String> include) {
        for (String value : include) {
            if (!"TAGS".equals(value)) {
                throw ApiException.invalidParameter("Invalid include value '" + Quoted.of(value)
                        + "'. The only valid value is TAGS.");
            }
        }
        return !include.isEmpty();
    }

    /** A task's ARN from what a request names it by in {@code cluster}: its ARN, or its id. */
    public String taskArn(Cluster cluster, String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.invalidParameter("Task Identifier is invalid");
        }
        return Arns.isArn(identifier) ? identifier : arns().task(cluster.clusterName(), identifier);
    }

    /** The cluster, which must exist and be ACTIVE; otherwise ECS's ClusterNotFoundException. */
    public Cluster activeCluster(Snapshot state, String identifier) {
        return ActiveResources.cluster(state.find(Kind.CLUSTER, clusterArn(identifier)).orElse(null));
    }
}

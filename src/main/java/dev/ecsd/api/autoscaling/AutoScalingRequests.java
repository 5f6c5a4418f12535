package dev.ecsd.api.autoscaling;

import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Set;

/**
 * What every Application Auto Scaling request is checked for: its required members, its namespace and dimension
 * (ecsd scales ECS services only, and says so), its resource id, and the scalable target it names.
 */
final class AutoScalingRequests {
    static final String ECS = "ecs";
    static final String DESIRED_COUNT = "ecs:service:DesiredCount";
    private static final Set<String> NAMESPACES = Set.of("ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb",
            "rds", "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra", "kafka", "elasticache",
            "neptune", "workspaces");

    private AutoScalingRequests() {
    }

    static ApiException validation(String message) {
        return new ApiException(ErrorType.VALIDATION, message);
    }

    /** AWS's wording for a constraint a member fails. */
    static ApiException constraint(String value, String member, String constraint) {
        return validation("1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'")
                + " at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    static <T> T required(T value, String member) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw constraint(null, member, "Member must not be null");
        }
        return value;
    }

    /** Checks a namespace: a known one other than ecs is refused plainly, an unknown one as AWS refuses it. */
    static String namespace(String namespace) {
        required(namespace, "serviceNamespace");
        if (!NAMESPACES.contains(namespace)) {
            throw constraint(namespace, "serviceNamespace", "Member must satisfy enum value set: "
                    + NAMESPACES.stream().sorted().toList());
        }
        if (!ECS.equals(namespace)) {
            throw validation("Unsupported service namespace '" + namespace + "': ecsd scales only Amazon ECS services "
                    + "(service namespace ecs, scalable dimension " + DESIRED_COUNT + ").");
        }
        return namespace;
    }

    static String dimension(String dimension) {
        required(dimension, "scalableDimension");
        if (!DESIRED_COUNT.equals(dimension)) {
            throw validation("Unsupported scalable dimension '" + dimension + "': ecsd scales only the desired count "
                    + "of ECS services (" + DESIRED_COUNT + ").");
        }
        return dimension;
    }

    static String resourceId(ServiceScaling scaling, String resourceId) {
        required(resourceId, "resourceId");
        if (scaling.serviceArn(resourceId).isEmpty()) {
            throw validation("Unsupported service namespace, resource type or scalable dimension: resource ID '"
                    + resourceId + "' is not service/<cluster-name>/<service-name>.");
        }
        return resourceId;
    }

    /** The target a request names by namespace, resource id and dimension; ObjectNotFoundException when none. */
    static ScalableTarget target(Snapshot state, ServiceScaling scaling, String namespace, String resourceId,
            String dimension) {
        String key = ScalableTarget.key(namespace(namespace), resourceId(scaling, resourceId), dimension(dimension));
        return state.find(Kind.SCALABLE_TARGET, key).orElseThrow(() -> new ApiException(ErrorType.OBJECT_NOT_FOUND,
                "No scalable target registered for service namespace: " + namespace + ", resource ID: " + resourceId
                        + ", scalable dimension: " + dimension));
    }

    /** The optional filter of a Describe request: checked when given. */
    static void filters(ServiceScaling scaling, String resourceId, String dimension) {
        if (dimension != null && resourceId == null) {
            throw validation("If you specify a scalable dimension, you must also specify a resource ID.");
        }
        if (resourceId != null) {
            resourceId(scaling, resourceId);
        }
        if (dimension != null) {
            dimension(dimension);
        }
    }

    static void name(String name, String member) {
        required(name, member);
        if (name.length() > 256) {
            throw constraint(name, member, "Member must have length less than or equal to 256");
        }
        if (name.contains(":") || name.contains("/") || name.contains("|")) {
            throw validation("Invalid " + member + " '" + name + "': it may not contain ':', '/' or '|'.");
        }
    }
}

package dev.ecsd.scheduler;

import java.util.Objects;

/** A filter on the container instances a task may be placed on. */
public sealed interface PlacementConstraint {
    /** No two tasks of the request's group on one container instance. */
    record DistinctInstance() implements PlacementConstraint {
    }

    /** Only container instances the cluster query selects. */
    record MemberOf(ClusterQuery query) implements PlacementConstraint {
        public MemberOf {
            Objects.requireNonNull(query, "query");
        }
    }

    static PlacementConstraint distinctInstance() {
        return new DistinctInstance();
    }

    /** Parses the expression; a malformed one throws {@link ClusterQueryException}. */
    static PlacementConstraint memberOf(String expression) {
        return new MemberOf(ClusterQuery.parse(expression));
    }

    /**
     * From the stored shape ({@code type}, {@code expression}) of a service's or task definition's constraint.
     * Throws {@link ClusterQueryException} for a malformed expression, IllegalArgumentException for a bad type.
     */
    static PlacementConstraint of(String type, String expression) {
        return switch (String.valueOf(type)) {
            case "distinctInstance" -> distinctInstance();
            case "memberOf" -> memberOf(expression);
            default -> throw new IllegalArgumentException("Invalid placement constraint type '" + type
                    + "'. Valid values are distinctInstance and memberOf.");
        };
    }
}

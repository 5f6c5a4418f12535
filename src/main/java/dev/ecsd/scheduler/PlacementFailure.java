package dev.ecsd.scheduler;

/**
 * Why tasks of a request were not placed, worded as ECS words it. For EC2, {@code containerInstanceArn} and
 * {@code closestReason} name the closest matching instance and what it lacked; for a capacity provider strategy,
 * {@code capacityProvider} names the provider that had no capacity.
 */
public record PlacementFailure(Kind kind, String containerInstanceArn, RejectionReason closestReason,
        String capacityProvider) {
    public enum Kind {
        NO_CONTAINER_INSTANCES, NO_INSTANCE_MET_REQUIREMENTS, CAPACITY_PROVIDER_UNAVAILABLE
    }

    static final String NO_CONTAINER_INSTANCES = "No Container Instances were found in your cluster.";
    private static final String NOT_MET = "no container instance met all of its requirements.";
    private static final String MORE = " For more information, see the Troubleshooting section of the Amazon ECS "
            + "Developer Guide.";

    static PlacementFailure noContainerInstances() {
        return new PlacementFailure(Kind.NO_CONTAINER_INSTANCES, null, null, null);
    }

    static PlacementFailure closestMatching(String containerInstanceArn, RejectionReason reason) {
        return new PlacementFailure(Kind.NO_INSTANCE_MET_REQUIREMENTS, containerInstanceArn, reason, null);
    }

    static PlacementFailure capacityProviderUnavailable(String capacityProvider) {
        return new PlacementFailure(Kind.CAPACITY_PROVIDER_UNAVAILABLE, null, null, capacityProvider);
    }

    /**
     * The reason on its own, for RunTask (as the text of its InvalidParameterException when nothing was placed, as
     * ECS does for "No Container Instances were found in your cluster.").
     */
    public String message() {
        return switch (kind) {
            case NO_CONTAINER_INSTANCES -> NO_CONTAINER_INSTANCES;
            case NO_INSTANCE_MET_REQUIREMENTS -> "Unable to place a task because " + NOT_MET + closestMatching();
            case CAPACITY_PROVIDER_UNAVAILABLE -> "The capacity provider " + capacityProvider
                    + " is not available in this cluster.";
        };
    }

    /** The service event ECS would record, e.g. "service web was unable to place a task because ...". */
    public String serviceEvent(String serviceName) {
        String service = "service " + serviceName + " was unable to place a task";
        return switch (kind) {
            case NO_CONTAINER_INSTANCES -> service + ". Reason: " + NO_CONTAINER_INSTANCES;
            case NO_INSTANCE_MET_REQUIREMENTS -> service + " because " + NOT_MET + closestMatching() + MORE;
            case CAPACITY_PROVIDER_UNAVAILABLE -> service + ". Reason: " + message();
        };
    }

    private String closestMatching() {
        String id = containerInstanceArn.substring(containerInstanceArn.lastIndexOf('/') + 1);
        return " The closest matching (container-instance " + id + ") " + closestReason.closestMatchingPhrase();
    }
}

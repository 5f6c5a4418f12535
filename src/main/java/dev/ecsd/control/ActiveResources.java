package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Service;

/**
 * ECS's refusals of a cluster or service an action needs ACTIVE, with its exceptions and messages: the API's
 * operations and the console's actions refuse alike.
 */
public final class ActiveResources {
    private ActiveResources() {
    }

    /** The cluster, which must exist and be ACTIVE; otherwise ECS's ClusterNotFoundException. */
    public static Cluster cluster(Cluster found) {
        if (found == null || !found.isActive()) {
            throw new ApiException(ErrorType.CLUSTER_NOT_FOUND, "Cluster not found.");
        }
        return found;
    }

    /** The service, which must exist (ServiceNotFoundException) and be ACTIVE (ServiceNotActiveException). */
    public static Service service(Service found) {
        if (found == null) {
            throw new ApiException(ErrorType.SERVICE_NOT_FOUND, "Service not found.");
        }
        if (!found.isActive()) {
            throw new ApiException(ErrorType.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
        }
        return found;
    }
}

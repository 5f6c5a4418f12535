package dev.ecsd.model;

/** Container instance statuses in ECS's spelling; only ACTIVE instances take new tasks. */
public enum ContainerInstanceStatus {
    REGISTERING, REGISTRATION_FAILED, ACTIVE, DRAINING, DEREGISTERING, INACTIVE
}

package dev.ecsd.model;

/** A service's status in ECS's spelling. */
public enum ServiceStatus {
    ACTIVE, DRAINING, INACTIVE
}

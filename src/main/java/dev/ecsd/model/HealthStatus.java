package dev.ecsd.model;

/** A container's or task's health, in ECS's spelling. */
public enum HealthStatus {
    HEALTHY, UNHEALTHY, UNKNOWN
}

package dev.ecsd.model;

/** Task definition revision statuses in ECS's spelling. */
public enum TaskDefinitionStatus {
    ACTIVE, INACTIVE, DELETE_IN_PROGRESS
}

package dev.ecsd.model;

/** Cluster statuses in ECS's spelling. */
public enum ClusterStatus {
    ACTIVE, PROVISIONING, DEPROVISIONING, FAILED, INACTIVE
}

package dev.ecsd.model;

/** A deployment's status: the newest is PRIMARY, older ones still running tasks are ACTIVE. */
public enum DeploymentStatus {
    PRIMARY, ACTIVE, INACTIVE
}

package dev.ecsd.model;

/** A task's desiredStatus. ECS never sets PENDING as a desired status. */
public enum DesiredStatus {
    RUNNING, STOPPED
}

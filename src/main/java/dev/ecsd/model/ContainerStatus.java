package dev.ecsd.model;

/** A container's lastStatus as DescribeTasks reports it. */
public enum ContainerStatus {
    PENDING, RUNNING, STOPPED
}

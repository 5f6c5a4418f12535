package dev.ecsd.model;

/**
 * A task set's status, in ECS's spelling: PRIMARY serves production traffic, ACTIVE does not, DRAINING is being
 * deleted and its tasks are stopping.
 */
public enum TaskSetStatus {
    PRIMARY, ACTIVE, DRAINING
}

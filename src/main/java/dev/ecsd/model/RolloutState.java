package dev.ecsd.model;

/** A deployment's rollout state. */
public enum RolloutState {
    IN_PROGRESS, COMPLETED, FAILED
}

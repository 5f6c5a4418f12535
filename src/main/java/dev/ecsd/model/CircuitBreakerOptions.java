package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The deployment circuit breaker's optional members: whether a healthy task resets the failure count (ECS's
 * default: yes) and a threshold configuration instead of ECS's default threshold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CircuitBreakerOptions(Boolean resetOnHealthyTask, ThresholdConfiguration thresholdConfiguration) {
    public static final CircuitBreakerOptions NONE = new CircuitBreakerOptions(null, null);

    /** A threshold: COUNT failed tasks, or a percent of the desired count (BOUNDED_PERCENT, UNBOUNDED_PERCENT). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ThresholdConfiguration(String type, Integer value) {
    }

    public boolean resetsOnHealthyTask() {
        return resetOnHealthyTask == null || resetOnHealthyTask;
    }
}

package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A service's deployment configuration. The circuit breaker's optional members (resetOnHealthyTask, a
 * threshold configuration) live in {@code circuitBreakerOptions}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentConfiguration(
        int minimumHealthyPercent,
        int maximumPercent,
        boolean circuitBreakerEnabled,
        boolean rollback,
        CircuitBreakerOptions circuitBreakerOptions,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
    public static final int DEFAULT_MAXIMUM_PERCENT = 200;

    public DeploymentConfiguration {
        circuitBreakerOptions = circuitBreakerOptions == null ? CircuitBreakerOptions.NONE : circuitBreakerOptions;
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    public static DeploymentConfiguration defaults() {
        return new DeploymentConfiguration(DEFAULT_MINIMUM_HEALTHY_PERCENT, DEFAULT_MAXIMUM_PERCENT, false, false,
                CircuitBreakerOptions.NONE, Map.of());
    }
}

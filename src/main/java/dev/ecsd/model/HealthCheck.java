package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A container health check; times in seconds, as in ECS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheck(List<String> command, Integer interval, Integer timeout, Integer retries, Integer startPeriod) {
    public static final int DEFAULT_INTERVAL = 30;
    public static final int DEFAULT_TIMEOUT = 5;
    public static final int DEFAULT_RETRIES = 3;

    public HealthCheck {
        command = Lists.copy(command);
    }

    /** The health check with ECS's defaults filled in, as DescribeTaskDefinition returns it. */
    public HealthCheck withDefaults() {
        return new HealthCheck(command,
                interval == null ? DEFAULT_INTERVAL : interval,
                timeout == null ? DEFAULT_TIMEOUT : timeout,
                retries == null ? DEFAULT_RETRIES : retries,
                startPeriod);
    }
}

package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Set;

/**
 * The service scheduler's own memory of a service, shown to nobody: the last completed deployment (for rollback),
 * the launch throttle, the tasks it has accounted for, the warnings it raised and has not cleared, and when it
 * last said the service was steady.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceBookkeeping(
        Deployment lastCompletedDeployment,
        int consecutiveStartFailures,
        Instant throttledUntil,
        Set<String> accountedTasks,
        Set<String> raisedWarnings,
        Instant lastSteadyStateAt) {

    public ServiceBookkeeping {
        accountedTasks = accountedTasks == null ? Set.of() : Set.copyOf(accountedTasks);
        raisedWarnings = raisedWarnings == null ? Set.of() : Set.copyOf(raisedWarnings);
    }
}

package dev.ecsd.channel;

import java.time.Instant;

/**
 * A task's scale-in protection as the control plane answers it to the agent's task endpoint: in force until
 * {@code expirationDate}, off (no date), or a failure with ECS's reason (e.g. {@code TASK_NOT_VALID}) and detail.
 */
public record TaskProtectionState(String taskArn, boolean protectionEnabled, Instant expirationDate,
        String failureReason, String failureDetail) {

    public static TaskProtectionState of(String taskArn, Instant expirationDate) {
        return new TaskProtectionState(taskArn, expirationDate != null, expirationDate, null, null);
    }

    public static TaskProtectionState failed(String taskArn, String reason, String detail) {
        return new TaskProtectionState(taskArn, false, null, reason, detail);
    }

    public boolean failed() {
        return failureReason != null;
    }
}

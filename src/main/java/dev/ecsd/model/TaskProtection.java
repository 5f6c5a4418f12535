package dev.ecsd.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A service task's scale-in protection: until {@code expirationDate} the service scheduler does not stop it to scale
 * in or to finish a deployment. Only protections in force are kept; turning protection off removes the record.
 */
public record TaskProtection(String taskArn, Instant expirationDate) {
    /** ECS's default protection period. */
    public static final int DEFAULT_MINUTES = 120;
    public static final int MAX_MINUTES = 2880;

    public TaskProtection {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(expirationDate, "expirationDate");
    }

    public boolean inForceAt(Instant now) {
        return now.isBefore(expirationDate);
    }
}

package dev.ecsd.model;

import java.time.Instant;

/** One entry of a service's event log. */
public record ServiceEvent(String id, Instant createdAt, String message) {
}

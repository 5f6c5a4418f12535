package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Where a task is: the desiredStatus the control plane decided (with why it stops), and what its agent last
 * reported — lastStatus, health, containers, attachments and the timestamps each status reached stamps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskState(
        TaskStatus lastStatus,
        DesiredStatus desiredStatus,
        HealthStatus healthStatus,
        List<TaskContainer> containers,
        List<Attachment> attachments,
        Instant pullStartedAt,
        Instant pullStoppedAt,
        Instant connectivityAt,
        Instant startedAt,
        Instant stoppingAt,
        Instant executionStoppedAt,
        Instant stoppedAt,
        TaskStopCode stopCode,
        String stoppedReason) {

    public TaskState {
        containers = Lists.copy(containers);
        attachments = Lists.copy(attachments);
    }
}

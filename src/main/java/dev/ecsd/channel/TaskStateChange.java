package dev.ecsd.channel;

import dev.ecsd.model.Attachment;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.TaskStopCode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an agent reports of one task, as data; a null field is unchanged. {@code status} is the lastStatus it
 * reached; {@code stopCode} and {@code stoppedReason} say why the agent is stopping a task it cannot go on with
 * (the control plane then sets desiredStatus STOPPED); {@code pullStarted} marks the start of image pulls. The
 * times of the task's timestamps are the control plane's, taken when it applies the change.
 */
public record TaskStateChange(
        String taskArn,
        TaskStatus status,
        boolean pullStarted,
        List<ContainerStateChange> containers,
        List<Attachment> attachments,
        HealthStatus healthStatus,
        TaskStopCode stopCode,
        String stoppedReason) {

    public TaskStateChange {
        containers = containers == null ? List.of() : List.copyOf(containers);
        attachments = attachments == null ? null : List.copyOf(attachments);
    }

    public static Builder of(String taskArn) {
        return new Builder(taskArn);
    }

    /** Builds a report one fact at a time. */
    public static final class Builder {
        private final String taskArn;
        private TaskStatus status;
        private boolean pullStarted;
        private final List<ContainerStateChange> containers = new ArrayList<>();
        private List<Attachment> attachments;
        private HealthStatus healthStatus;
        private TaskStopCode stopCode;
        private String stoppedReason;

        private Builder(String taskArn) {
            this.taskArn = taskArn;
        }

        public Builder status(TaskStatus value) {
            status = value;
            return this;
        }

        public Builder pullStarted() {
            pullStarted = true;
            return this;
        }

        public Builder container(ContainerStateChange change) {
            containers.add(change);
            return this;
        }

        public Builder attachments(List<Attachment> value) {
            attachments = value;
            return this;
        }

        public Builder healthStatus(HealthStatus value) {
            healthStatus = value;
            return this;
        }

        /** The agent gives the task up: desiredStatus STOPPED, with this code and reason unless it has some. */
        public Builder stop(TaskStopCode code, String reason) {
            stopCode = code;
            stoppedReason = reason;
            return this;
        }

        public TaskStateChange build() {
            return new TaskStateChange(taskArn, status, pullStarted, containers, attachments, healthStatus, stopCode,
                    stoppedReason);
        }
    }
}

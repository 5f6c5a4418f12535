package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task: what was asked (definition, overrides, desiredStatus) and what the agent that owns it last
 * reported (lastStatus, containers, timestamps). {@code agentId} names that owner.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
        String taskArn,
        String clusterArn,
        String taskDefinitionArn,
        String agentId,
        String containerInstanceArn,
        String capacityProviderName,
        String launchType,
        String platformVersion,
        String platformFamily,
        String availabilityZone,
        TaskStatus lastStatus,
        DesiredStatus desiredStatus,
        HealthStatus healthStatus,
        long version,
        String group,
        String startedBy,
        List<Tag> tags,
        TaskOverride overrides,
        String cpu,
        String memory,
        List<TaskContainer> containers,
        List<Attachment> attachments,
        NetworkConfiguration networkConfiguration,
        Instant createdAt,
        Instant pullStartedAt,
        Instant pullStoppedAt,
        Instant connectivityAt,
        Instant startedAt,
        Instant stoppingAt,
        Instant executionStoppedAt,
        Instant stoppedAt,
        TaskStopCode stopCode,
        String stoppedReason,
        boolean enableExecuteCommand) {

    public Task {
        tags = Lists.copy(tags);
        containers = Lists.copy(containers);
        attachments = Lists.copy(attachments);
    }

    /** The task id: the last segment of its ARN. */
    public String taskId() {
        return Arns.lastSegment(taskArn);
    }

    /** On its way to RUNNING and still wanted: what ECS counts as pending. */
    public boolean isPending() {
        return lastStatus.isStarting() && desiredStatus == DesiredStatus.RUNNING;
    }

    public boolean isStopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    public Optional<TaskContainer> container(String name) {
        return Lists.orEmpty(containers).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few fields of a task, keeping the rest. Each built change increments {@code version}. */
    public static final class Builder {
        private String taskArn;
        private String clusterArn;
        private String taskDefinitionArn;
        private String agentId;
        private String containerInstanceArn;
        private String capacityProviderName;
        private String launchType;
        private String platformVersion;
        private String platformFamily;
        private String availabilityZone;
        private TaskStatus lastStatus;
        private DesiredStatus desiredStatus;
        private HealthStatus healthStatus;
        private long version;
        private String group;
        private String startedBy;
        private List<Tag> tags;
        private TaskOverride overrides;
        private String cpu;
        private String memory;
        private List<TaskContainer> containers;
        private List<Attachment> attachments;
        private NetworkConfiguration networkConfiguration;
        private Instant createdAt;
        private Instant pullStartedAt;
        private Instant pullStoppedAt;
        private Instant connectivityAt;
        private Instant startedAt;
        private Instant stoppingAt;
        private Instant executionStoppedAt;
        private Instant stoppedAt;
        private TaskStopCode stopCode;
        private String stoppedReason;
        private boolean enableExecuteCommand;

        public Builder() {
        }

        private Builder(Task task) {
            taskArn = task.taskArn;
            clusterArn = task.clusterArn;
            taskDefinitionArn = task.taskDefinitionArn;
            agentId = task.agentId;
            containerInstanceArn = task.containerInstanceArn;
            capacityProviderName = task.capacityProviderName;
            launchType = task.launchType;
            platformVersion = task.platformVersion;
            platformFamily = task.platformFamily;
            availabilityZone = task.availabilityZone;
            lastStatus = task.lastStatus;
            desiredStatus = task.desiredStatus;
            healthStatus = task.healthStatus;
            version = task.version;
            group = task.group;
            startedBy = task.startedBy;
            tags = task.tags;
            overrides = task.overrides;
            cpu = task.cpu;
            memory = task.memory;
            containers = task.containers;
            attachments = task.attachments;
            networkConfiguration = task.networkConfiguration;
            createdAt = task.createdAt;
            pullStartedAt = task.pullStartedAt;
            pullStoppedAt = task.pullStoppedAt;
            connectivityAt = task.connectivityAt;
            startedAt = task.startedAt;
            stoppingAt = task.stoppingAt;
            executionStoppedAt = task.executionStoppedAt;
            stoppedAt = task.stoppedAt;
            stopCode = task.stopCode;
            stoppedReason = task.stoppedReason;
            enableExecuteCommand = task.enableExecuteCommand;
        }

        public Builder taskArn(String value) { taskArn = value; return this; }
        public Builder clusterArn(String value) { clusterArn = value; return this; }
        public Builder taskDefinitionArn(String value) { taskDefinitionArn = value; return this; }
        public Builder agentId(String value) { agentId = value; return this; }
        public Builder containerInstanceArn(String value) { containerInstanceArn = value; return this; }
        public Builder capacityProviderName(String value) { capacityProviderName = value; return this; }
        public Builder launchType(String value) { launchType = value; return this; }
        public Builder platformVersion(String value) { platformVersion = value; return this; }
        public Builder platformFamily(String value) { platformFamily = value; return this; }
        public Builder availabilityZone(String value) { availabilityZone = value; return this; }
        public Builder lastStatus(TaskStatus value) { lastStatus = value; return this; }
        public Builder desiredStatus(DesiredStatus value) { desiredStatus = value; return this; }
        public Builder healthStatus(HealthStatus value) { healthStatus = value; return this; }
        public Builder version(long value) { version = value; return this; }
        public Builder group(String value) { group = value; return this; }
        public Builder startedBy(String value) { startedBy = value; return this; }
        public Builder tags(List<Tag> value) { tags = value; return this; }
        public Builder overrides(TaskOverride value) { overrides = value; return this; }
        public Builder cpu(String value) { cpu = value; return this; }
        public Builder memory(String value) { memory = value; return this; }
        public Builder containers(List<TaskContainer> value) { containers = value; return this; }
        public Builder attachments(List<Attachment> value) { attachments = value; return this; }
        public Builder networkConfiguration(NetworkConfiguration value) { networkConfiguration = value; return this; }
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        public Builder pullStartedAt(Instant value) { pullStartedAt = value; return this; }
        public Builder pullStoppedAt(Instant value) { pullStoppedAt = value; return this; }
        public Builder connectivityAt(Instant value) { connectivityAt = value; return this; }
        public Builder startedAt(Instant value) { startedAt = value; return this; }
        public Builder stoppingAt(Instant value) { stoppingAt = value; return this; }
        public Builder executionStoppedAt(Instant value) { executionStoppedAt = value; return this; }
        public Builder stoppedAt(Instant value) { stoppedAt = value; return this; }
        public Builder stopCode(TaskStopCode value) { stopCode = value; return this; }
        public Builder stoppedReason(String value) { stoppedReason = value; return this; }
        public Builder enableExecuteCommand(boolean value) { enableExecuteCommand = value; return this; }

        /** Replaces the container of the same name. */
        public Builder container(TaskContainer container) {
            List<TaskContainer> next = new ArrayList<>(containers == null ? List.of() : containers);
            next.replaceAll(c -> c.name().equals(container.name()) ? container : c);
            containers = next;
            return this;
        }

        public TaskStatus lastStatus() {
            return lastStatus;
        }

        public List<TaskContainer> containers() {
            return containers;
        }

        /** The task, as a new version. */
        public Task build() {
            return new Task(taskArn, clusterArn, taskDefinitionArn, agentId, containerInstanceArn, capacityProviderName,
                    launchType, platformVersion, platformFamily, availabilityZone, lastStatus, desiredStatus,
                    healthStatus, version + 1, group, startedBy, tags, overrides, cpu, memory, containers, attachments,
                    networkConfiguration, createdAt, pullStartedAt, pullStoppedAt, connectivityAt,
                    startedAt, stoppingAt, executionStoppedAt, stoppedAt, stopCode, stoppedReason,
                    enableExecuteCommand);
        }
    }
}

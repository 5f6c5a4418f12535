package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task, in two parts with one owner each: its {@link TaskSpec} (what it was launched as) and its
 * {@link TaskState} (the desiredStatus the control plane decided and what its agent last reported), with the
 * accessors of both parts' members here too. {@code version} counts the changes of the record: the agent channel's
 * sequence number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(String taskArn, String clusterArn, long version, Instant createdAt, TaskSpec spec, TaskState state) {

    /**
     * Reads a task as stored: in its two parts, or flat, as tasks were stored before they had parts (every member
     * at the top level, which each part picks its own from).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Task fromJson(JsonNode json) {
        JsonNode spec = json.has("spec") ? json.get("spec") : json;
        JsonNode state = json.has("state") ? json.get("state") : json;
        return new Task(json.hasNonNull("taskArn") ? json.get("taskArn").asText() : null,
                json.hasNonNull("clusterArn") ? json.get("clusterArn").asText() : null,
                json.path("version").asLong(),
                json.hasNonNull("createdAt") ? ModelJson.fromTree(json.get("createdAt"), Instant.class) : null,
                ModelJson.fromTree(spec, TaskSpec.class), ModelJson.fromTree(state, TaskState.class));
    }

    // The members of the parts, as if they were the task's own.

    public String taskDefinitionArn() { return spec.taskDefinitionArn(); }
    public String agentId() { return spec.agentId(); }
    public String containerInstanceArn() { return spec.containerInstanceArn(); }
    public String capacityProviderName() { return spec.capacityProviderName(); }
    public String launchType() { return spec.launchType(); }
    public String platformVersion() { return spec.platformVersion(); }
    public String platformFamily() { return spec.platformFamily(); }
    public String availabilityZone() { return spec.availabilityZone(); }
    public String group() { return spec.group(); }
    public String startedBy() { return spec.startedBy(); }
    public List<Tag> tags() { return spec.tags(); }
    public TaskOverride overrides() { return spec.overrides(); }
    public String cpu() { return spec.cpu(); }
    public String memory() { return spec.memory(); }
    public NetworkConfiguration networkConfiguration() { return spec.networkConfiguration(); }
    public boolean enableExecuteCommand() { return spec.enableExecuteCommand(); }
    public TaskStatus lastStatus() { return state.lastStatus(); }
    public DesiredStatus desiredStatus() { return state.desiredStatus(); }
    public HealthStatus healthStatus() { return state.healthStatus(); }
    public List<TaskContainer> containers() { return state.containers(); }
    public List<Attachment> attachments() { return state.attachments(); }
    public Instant pullStartedAt() { return state.pullStartedAt(); }
    public Instant pullStoppedAt() { return state.pullStoppedAt(); }
    public Instant connectivityAt() { return state.connectivityAt(); }
    public Instant startedAt() { return state.startedAt(); }
    public Instant stoppingAt() { return state.stoppingAt(); }
    public Instant executionStoppedAt() { return state.executionStoppedAt(); }
    public Instant stoppedAt() { return state.stoppedAt(); }
    public TaskStopCode stopCode() { return state.stopCode(); }
    public String stoppedReason() { return state.stoppedReason(); }

    /** The task id: the last segment of its ARN. */
    public String taskId() {
        return Arns.lastSegment(taskArn);
    }

    /** On its way to RUNNING and still wanted: what ECS counts as pending. */
    @JsonIgnore
    public boolean isPending() {
        return lastStatus().isStarting() && desiredStatus() == DesiredStatus.RUNNING;
    }

    @JsonIgnore
    public boolean isStopped() {
        return lastStatus() == TaskStatus.STOPPED;
    }

    public Optional<TaskContainer> container(String name) {
        return Lists.orEmpty(containers()).stream().filter(c -> c.name().equals(name)).findFirst();
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
            taskArn = task.taskArn();
            clusterArn = task.clusterArn();
            taskDefinitionArn = task.taskDefinitionArn();
            agentId = task.agentId();
            containerInstanceArn = task.containerInstanceArn();
            capacityProviderName = task.capacityProviderName();
            launchType = task.launchType();
            platformVersion = task.platformVersion();
            platformFamily = task.platformFamily();
            availabilityZone = task.availabilityZone();
            lastStatus = task.lastStatus();
            desiredStatus = task.desiredStatus();
            healthStatus = task.healthStatus();
            version = task.version();
            group = task.group();
            startedBy = task.startedBy();
            tags = task.tags();
            overrides = task.overrides();
            cpu = task.cpu();
            memory = task.memory();
            containers = task.containers();
            attachments = task.attachments();
            networkConfiguration = task.networkConfiguration();
            createdAt = task.createdAt();
            pullStartedAt = task.pullStartedAt();
            pullStoppedAt = task.pullStoppedAt();
            connectivityAt = task.connectivityAt();
            startedAt = task.startedAt();
            stoppingAt = task.stoppingAt();
            executionStoppedAt = task.executionStoppedAt();
            stoppedAt = task.stoppedAt();
            stopCode = task.stopCode();
            stoppedReason = task.stoppedReason();
            enableExecuteCommand = task.enableExecuteCommand();
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
            return new Task(taskArn, clusterArn, version + 1, createdAt,
                    new TaskSpec(taskDefinitionArn, agentId, containerInstanceArn, capacityProviderName, launchType,
                            platformVersion, platformFamily, availabilityZone, group, startedBy, tags, overrides, cpu,
                            memory, networkConfiguration, enableExecuteCommand),
                    new TaskState(lastStatus, desiredStatus, healthStatus, containers, attachments, pullStartedAt,
                            pullStoppedAt, connectivityAt, startedAt, stoppingAt, executionStoppedAt, stoppedAt,
                            stopCode, stoppedReason));
        }
    }
}

package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.api.SdkBridge;
import dev.ecsd.control.TaskCommands;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.Tag;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskOverride;
import dev.ecsd.scheduler.CapacityProviders;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskResponse;

/** RunTask, StartTask, StopTask, DescribeTasks and ListTasks. */
public final class TaskOperations {
    private static final Pattern STARTED_BY = Pattern.compile("[a-zA-Z0-9_/-]{1,36}");

    private final StateStore store;
    private final EcsResources resources;
    private final TaskLaunch launch;
    private final EcsQuotas quotas;

    public TaskOperations(StateStore store, EcsResources resources, TaskLaunch launch, EcsQuotas quotas) {
        this.store = store;
        this.resources = resources;
        this.launch = launch;
        this.quotas = quotas;
    }

    public RunTaskResponse runTask(RunTaskRequest request) {
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > EcsQuotas.TASKS_PER_RUN_TASK) {
            throw ApiException.invalidParameter("count must be between 1 and 10, not " + count + ".");
        }
        ServiceRules.checkLaunchChoice(request.launchTypeAsString(), request.capacityProviderStrategy());
        if (request.startedBy() != null && !STARTED_BY.matcher(request.startedBy()).matches()) {
            throw ApiException.invalidParameter(request.startedBy().length() > 36 ? "startedBy longer than 36."
                    : "startedBy may contain only letters, numbers, hyphens (-), forward slashes (/) and underscores (_).");
        }
        if (request.group() != null && request.group().length() > 255) {
            throw ApiException.invalidParameter("group can have at most 255 characters.");
        }
        List<Tag> tags = TagRules.validate(ClusterMapper.tagsFromSdk(request.tags()));
        TaskOverride overrides = request.overrides() == null ? TaskOverride.none()
                : SdkBridge.toModel(request.overrides(), TaskOverride.class);
        List<Task> started = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            TaskDefinition definition = resources.runnableTaskDefinition(tx.state(), request.taskDefinition());
            quotas.checkStandaloneTasks(standaloneTasks(tx.state(), cluster), count);
            List<CapacityProviderStrategyItem> strategy = ClusterMapper.strategyFromSdk(request.capacityProviderStrategy());
            CapacityProviders.validateStrategy(strategy, Lists.orEmpty(cluster.capacityProviders()));
            List<String> providers = launch.capacityFor(tx.state(), cluster, definition, request.launchTypeAsString(),
                    strategy, groupOf(request, definition), count);
            List<Tag> taskTags = launch.tags(cluster, definition, tags, request.propagateTagsAsString(),
                    Boolean.TRUE.equals(request.enableECSManagedTags()), null);
            List<Task> tasks = new ArrayList<>();
            for (String provider : providers) {
                tasks.add(tx.put(Kind.TASK, launch.newTask(tx, cluster, definition, new TaskLaunch.Request(
                        provider, request.launchTypeAsString() != null, overrides,
                        SdkBridge.toModel(request.networkConfiguration(), dev.ecsd.model.NetworkConfiguration.class), groupOf(request, definition),
                        request.startedBy(), taskTags, Boolean.TRUE.equals(request.enableExecuteCommand())))));
            }
            return tasks;
        });
        Snapshot state = store.snapshot();
        return RunTaskResponse.builder()
                .tasks(started.stream().map(t -> TaskMapper.toSdk(t, definitionOf(state, t), true)).toList())
                .failures(List.of())
                .build();
    }

    /**
     * The unstopped tasks of a cluster that no service started: a service's tasks are bounded by its desired count
     * already, and carry their deployment's id ({@code ecs-svc/...}) as startedBy.
     */
    private int standaloneTasks(Snapshot state, Cluster cluster) {
        return (int) state.withKeyPrefix(Kind.TASK, resources.arns().task(cluster.clusterName(), ""))
                .filter(task -> !task.isStopped())
                .filter(task -> task.startedBy() == null || !task.startedBy().startsWith("ecs-svc/"))
                .count();
    }

    public StartTaskResponse startTask(StartTaskRequest request) {
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        resources.runnableTaskDefinition(state, request.taskDefinition());
        if (request.containerInstances().isEmpty()) {
            throw ApiException.invalidParameter("containerInstances can not be empty.");
        }
        List<Failure> failures = new ArrayList<>();
        for (String instance : request.containerInstances()) {
            String arn = Arns.isArn(instance) ? instance
                    : resources.arns().containerInstance(cluster.clusterName(), instance);
            failures.add(Failure.builder().arn(arn).reason("MISSING").build());
        }
        return StartTaskResponse.builder().tasks(List.of()).failures(failures).build();
    }

    public StopTaskResponse stopTask(StopTaskRequest request) {
        TaskCommands.checkReason(request.reason());
        Task stopped = store.write(tx -> {
            Cluster cluster = resources.activeCluster(tx.state(), request.cluster());
            return TaskCommands.stop(tx, cluster.clusterArn(), resources.taskArn(cluster, request.task()),
                    request.reason());
        });
        return StopTaskResponse.builder()
                .task(TaskMapper.toSdk(stopped, definitionOf(store.snapshot(), stopped), false))
                .build();
    }

    public DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
        if (request.tasks().isEmpty()) {
            throw ApiException.invalidParameter("Tasks cannot be empty.");
        }
        if (request.tasks().size() > 100) {
            throw ApiException.invalidParameter("DescribeTasks accepts at most 100 tasks; the request names "
                    + request.tasks().size() + ".");
        }
        boolean includeTags = EcsResources.includesTags(request.includeAsStrings());
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        List<software.amazon.awssdk.services.ecs.model.Task> tasks = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String identifier : request.tasks()) {
            String arn = resources.taskArn(cluster, identifier);
            Task task = find(state, cluster, arn).orElse(null);
            if (task == null) {
                failures.add(Failure.builder().arn(arn).reason("MISSING").build());
            } else {
                tasks.add(TaskMapper.toSdk(task, definitionOf(state, task), includeTags));
            }
        }
        return DescribeTasksResponse.builder().tasks(tasks).failures(failures).build();
    }

    public ListTasksResponse listTasks(ListTasksRequest request) {
        if (request.startedBy() != null && (request.family() != null || request.serviceName() != null
                || request.containerInstance() != null || request.launchTypeAsString() != null)) {
            throw ApiException.invalidParameter("cannot specify startedBy with other arguments");
        }
        String desired = request.desiredStatusAsString() == null ? "RUNNING" : request.desiredStatusAsString();
        if (!Set.of("RUNNING", "PENDING", "STOPPED").contains(desired)) {
            throw ApiException.invalidParameter("Invalid desiredStatus '" + Quoted.of(desired)
                    + "'. Valid values are RUNNING, PENDING and STOPPED.");
        }
        String launchType = request.launchTypeAsString();
        if (launchType != null && !Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES").contains(launchType)) {
            throw ApiException.invalidParameter("Invalid launchType '" + Quoted.of(launchType) + "'.");
        }
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        // a service's tasks are read from its group's index, in the same (ARN) order, not found among the cluster's
        Stream<Task> candidates = request.serviceName() != null
                ? state.indexed(Kind.TASK, Kind.groupKey(cluster.clusterArn(), "service:" + request.serviceName()))
                : state.withKeyPrefix(Kind.TASK, resources.arns().task(cluster.clusterName(), ""));
        List<Task> matching = candidates
                .filter(t -> !"PENDING".equals(desired) && t.desiredStatus().name().equals(desired))
                .filter(t -> request.family() == null || familyOf(t).equals(request.family()))
                .filter(t -> request.serviceName() == null || ("service:" + request.serviceName()).equals(t.group()))
                .filter(t -> request.startedBy() == null || request.startedBy().equals(t.startedBy()))
                .filter(t -> launchType == null || launchType.equals(t.launchType()))
                .filter(t -> request.containerInstance() == null || request.containerInstance().equals(t.containerInstanceArn()))
                .toList();
        Pages.Page<Task> page = Pages.page(matching, Task::taskArn, request.maxResults(), 100, 100, request.nextToken());
        return ListTasksResponse.builder()
                .taskArns(page.items().stream().map(Task::taskArn).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private static TaskDefinition definitionOf(Snapshot state, Task task) {
        return state.find(Kind.TASK_DEFINITION, task.taskDefinitionArn()).orElse(null);
    }

    /** A task of this cluster: an ARN naming a task of another cluster does not find it. */
    private static Optional<Task> find(Snapshot state, Cluster cluster, String taskArn) {
        return state.find(Kind.TASK, taskArn).filter(t -> t.clusterArn().equals(cluster.clusterArn()));
    }

    private String familyOf(Task task) {
        return resources.taskDefinitionName(task.taskDefinitionArn(), "Invalid task definition ARN").family();
    }

    private static String groupOf(RunTaskRequest request, TaskDefinition definition) {
        return request.group() != null ? request.group() : "family:" + definition.family();
    }
}

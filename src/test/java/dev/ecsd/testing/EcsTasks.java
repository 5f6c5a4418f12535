package dev.ecsd.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * What task tests do over and over through the SDK, as a user would: register a FARGATE task definition, run it
 * with an awsvpc network configuration, describe it, wait for a status, read its awslogs stream.
 */
public final class EcsTasks {
    /** How long a test waits for a task to reach a status: generous, the machine is shared and loaded. */
    public static final Duration PATIENCE = Duration.ofSeconds(90);
    public static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

    private final EcsClient ecs;
    private final String cluster;

    public EcsTasks(EcsClient ecs, String cluster) {
        this.ecs = ecs;
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }

    /** Registers a FARGATE/awsvpc definition of 256 CPU units and 512 MiB; returns its ARN. */
    public String register(String family, ContainerDefinition... containers) {
        return register(family, b -> b, containers);
    }

    /** As {@link #register(String, ContainerDefinition...)}, with more settings on the request. */
    public String register(String family, java.util.function.UnaryOperator<RegisterTaskDefinitionRequest.Builder> more,
            ContainerDefinition... containers) {
        RegisterTaskDefinitionRequest.Builder request = RegisterTaskDefinitionRequest.builder()
                .family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .executionRoleArn(EXECUTION_ROLE)
                .containerDefinitions(containers);
        return ecs.registerTaskDefinition(more.apply(request).build()).taskDefinition().taskDefinitionArn();
    }

    /** The awslogs configuration of a container: group, prefix, and whether the group is created. */
    public static LogConfiguration awslogs(String group, String prefix, boolean createGroup) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("awslogs-group", group);
        options.put("awslogs-region", TestServer.REGION);
        options.put("awslogs-stream-prefix", prefix);
        if (createGroup) {
            options.put("awslogs-create-group", "true");
        }
        return LogConfiguration.builder().logDriver(LogDriver.AWSLOGS).options(options).build();
    }

    public static NetworkConfiguration awsvpc() {
        return NetworkConfiguration.builder().awsvpcConfiguration(AwsVpcConfiguration.builder()
                .subnets("subnet-12345678").securityGroups("sg-12345678").assignPublicIp(AssignPublicIp.ENABLED)
                .build()).build();
    }

    /** Runs one task of the definition on FARGATE; returns its ARN. */
    public String run(String taskDefinition) {
        return run(taskDefinition, null);
    }

    public String run(String taskDefinition, TaskOverride overrides) {
        RunTaskResponse response = ecs.runTask(RunTaskRequest.builder()
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(awsvpc())
                .overrides(overrides)
                .build());
        if (!response.failures().isEmpty() || response.tasks().size() != 1) {
            throw new AssertionError("RunTask did not start one task: " + response);
        }
        return response.tasks().getFirst().taskArn();
    }

    public Task describe(String taskArn) {
        List<Task> tasks = ecs.describeTasks(b -> b.cluster(cluster).tasks(taskArn)).tasks();
        if (tasks.size() != 1) {
            throw new AssertionError("DescribeTasks does not know " + taskArn);
        }
        return tasks.getFirst();
    }

    /** Waits until the task's lastStatus is {@code status}; returns the task as then described. */
    public Task awaitStatus(String taskArn, String status) {
        return awaitTask(taskArn, "lastStatus " + status, t -> status.equals(t.lastStatus()));
    }

    /** Waits until the described task satisfies {@code condition}; returns it as then described. */
    public Task awaitTask(String taskArn, String what, Predicate<Task> condition) {
        Task[] last = new Task[1];
        await("task " + taskArn + " to reach " + what)
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .failFast("the task stopped before reaching " + what,
                        () -> last[0] != null && "STOPPED".equals(last[0].lastStatus()) && !condition.test(last[0]))
                .until(() -> {
                    last[0] = describe(taskArn);
                    return condition.test(last[0]);
                });
        return last[0];
    }

    /**
     * Waits for the task to reach {@code status} while recording each lastStatus seen on the way, polling fast:
     * returns the statuses in the order first seen.
     */
    public List<String> statusesUntil(String taskArn, String status) {
        List<String> seen = new ArrayList<>();
        await("task " + taskArn + " to reach " + status)
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    String now = describe(taskArn).lastStatus();
                    if (seen.isEmpty() || !seen.getLast().equals(now)) {
                        seen.add(now);
                    }
                    return status.equals(now);
                });
        return seen;
    }

    /** Stops every task of the cluster not stopped yet, and waits until each is STOPPED. */
    public void stopAll() {
        List<String> running = ecs.listTasksPaginator(b -> b.cluster(cluster)).taskArns().stream().toList();
        for (String arn : running) {
            ecs.stopTask(b -> b.cluster(cluster).task(arn).reason("test cleanup"));
        }
        for (String arn : running) {
            awaitStatus(arn, "STOPPED");
        }
    }

    /** The messages of a log stream, oldest first; empty when the stream does not exist (yet). */
    public static List<String> logMessages(CloudWatchLogsClient logs, String group, String stream) {
        try {
            return logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true))
                    .events().stream().map(OutputLogEvent::message).toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    /** The task id: the last segment of a task ARN. */
    public static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}

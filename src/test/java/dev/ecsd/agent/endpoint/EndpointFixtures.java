package dev.ecsd.agent.endpoint;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskEndpointIds;
import dev.ecsd.model.Attachment;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.KeyValuePair;
import dev.ecsd.model.LogConfiguration;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.model.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A running awsvpc task with a task role, its containers as a runtime would show them, and its endpoint ids. */
final class EndpointFixtures {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String TASK_ARN = "arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef";
    static final String ROLE = "arn:aws:iam::000000000000:role/app";
    static final String CREDENTIALS_ID = "11111111-2222-3333-4444-555555555555";
    static final String TASK_ADDRESS = "172.17.0.9";

    private EndpointFixtures() {
    }

    static ContainerDefinition container(String name, LogConfiguration logs) {
        return new ContainerDefinition(name, "busybox:latest", 128, 256, null, List.of(), true, null,
                List.of("sleep", "1000"), List.of(), List.of(), List.of(), null, null, null, null, null, null, null,
                null, null, Map.of("team", "web"), null, logs, null, List.of(), Map.of());
    }

    static TaskDefinition definition(String networkMode) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/app:3", "app", 3,
                TaskDefinitionStatus.ACTIVE, List.of(container("web", new LogConfiguration("awslogs",
                        Map.of("awslogs-group", "/ecs/app"), List.of())), container("sidecar", null)), ROLE, null,
                networkMode, List.of(), List.of(), null, List.of("FARGATE"), List.of(), "512", "1024", null, null, T0,
                null, null, null, List.of(), Map.of());
    }

    static Task runningTask(TaskDefinition definition) {
        List<TaskContainer> containers = new ArrayList<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            containers.add(new TaskContainer("arn:aws:ecs:us-east-1:000000000000:container/c/x/" + container.name(),
                    container.name(), container.image(), "docker-" + container.name(), ContainerStatus.RUNNING, null,
                    null, List.of(), HealthStatus.UNKNOWN, true, "128", "256", null, T0.plusSeconds(5), null));
        }
        return new Task.Builder()
                .taskArn(TASK_ARN)
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .taskDefinitionArn(definition.taskDefinitionArn())
                .agentId("local-fargate")
                .launchType("FARGATE")
                .availabilityZone("us-east-1a")
                .group("service:web")
                .cpu("512")
                .memory("1024")
                .lastStatus(TaskStatus.RUNNING)
                .desiredStatus(DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .containers(containers)
                .attachments(List.of(new Attachment("eni-attachment", "ElasticNetworkInterface", "ATTACHED",
                        List.of(new KeyValuePair("macAddress", "0a:00:00:00:00:01"),
                                new KeyValuePair("privateIPv4Address", TASK_ADDRESS)))))
                .pullStartedAt(T0.plusSeconds(1))
                .pullStoppedAt(T0.plusSeconds(2))
                .createdAt(T0)
                .build();
    }

    static TaskAssignment assignment(TaskDefinition definition) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("web", "meta-web");
        metadata.put("sidecar", "meta-sidecar");
        return new TaskAssignment(TASK_ARN, 1, runningTask(definition), definition, false, null,
                new TaskEndpointIds(CREDENTIALS_ID, metadata));
    }

    /** The task's containers on the runtime: its two, sharing the network container's address. */
    static List<ContainerObservation> observed() {
        return List.of(observation("docker-web", "web", null), observation("docker-sidecar", "sidecar", null),
                observation("docker-pause", ContainerSpecs.PAUSE_CONTAINER_NAME, TASK_ADDRESS));
    }

    private static ContainerObservation observation(String id, String name, String address) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ContainerSpecs.LABEL_TASK_ARN, TASK_ARN);
        labels.put(ContainerSpecs.LABEL_CONTAINER_NAME, name);
        labels.put(ContainerSpecs.LABEL_INSTANCE, "instance-1");
        return new ContainerObservation(id, "ecs-app-3-" + name, labels, ContainerObservation.State.RUNNING, null,
                false, ContainerObservation.Health.NONE, T0.plusSeconds(5), null, List.of(), address, null,
                "sha256:abc", T0.plusSeconds(4));
    }
}

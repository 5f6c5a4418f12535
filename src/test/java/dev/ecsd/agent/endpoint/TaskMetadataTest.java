package dev.ecsd.agent.endpoint;

import static dev.ecsd.agent.endpoint.EndpointFixtures.TASK_ADDRESS;
import static dev.ecsd.agent.endpoint.EndpointFixtures.TASK_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.model.TaskDefinition;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The metadata answers have the ECS agent's shapes and field names, for versions 4 and 3. */
class TaskMetadataTest {
    private final TaskDefinition definition = EndpointFixtures.definition("awsvpc");
    private final Map<String, ContainerObservation> observed = EndpointFixtures.observed().stream()
            .collect(Collectors.toMap(ContainerObservation::id, Function.identity()));

    @Test
    void aTaskAsVersion4() {
        Map<String, Object> task = TaskMetadata.task(EndpointFixtures.runningTask(definition), definition, observed,
                TaskMetadata.Version.V4);

        assertThat(task).containsKeys("Cluster", "TaskARN", "Family", "Revision", "DesiredStatus", "KnownStatus",
                "Containers", "Limits", "PullStartedAt", "PullStoppedAt", "AvailabilityZone", "LaunchType");
        assertThat(task).containsEntry("TaskARN", TASK_ARN).containsEntry("Family", "app")
                .containsEntry("Revision", "3").containsEntry("DesiredStatus", "RUNNING")
                .containsEntry("KnownStatus", "RUNNING").containsEntry("LaunchType", "FARGATE")
                .containsEntry("AvailabilityZone", "us-east-1a").containsEntry("ServiceName", "web")
                .containsEntry("PullStartedAt", "2026-01-01T00:00:01Z");
        assertThat(task.get("Limits")).isEqualTo(Map.of("CPU", 0.5, "Memory", 1024L));
        assertThat((List<?>) task.get("Containers")).hasSize(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aContainerAsVersion4() {
        Map<String, Object> container = TaskMetadata.container(EndpointFixtures.runningTask(definition), definition,
                "web", observed, TaskMetadata.Version.V4);

        assertThat(container).containsEntry("DockerId", "docker-web").containsEntry("Name", "web")
                .containsEntry("DockerName", "ecs-app-3-web").containsEntry("Image", "busybox:latest")
                .containsEntry("ImageID", "sha256:abc").containsEntry("DesiredStatus", "RUNNING")
                .containsEntry("KnownStatus", "RUNNING").containsEntry("Type", "NORMAL")
                .containsEntry("CreatedAt", "2026-01-01T00:00:04Z").containsEntry("StartedAt", "2026-01-01T00:00:05Z")
                .containsEntry("LogDriver", "awslogs")
                .containsEntry("ContainerARN", "arn:aws:ecs:us-east-1:000000000000:container/c/x/web");
        assertThat(container.get("LogOptions")).isEqualTo(Map.of("awslogs-group", "/ecs/app"));
        assertThat(container.get("Limits")).isEqualTo(Map.of("CPU", 128.0, "Memory", 256L));
        // the task's labels, without ecsd's own
        assertThat((Map<String, String>) container.get("Labels")).containsEntry(ContainerSpecs.LABEL_TASK_ARN, TASK_ARN)
                .doesNotContainKey(ContainerSpecs.LABEL_INSTANCE);
        List<Map<String, Object>> networks = (List<Map<String, Object>>) container.get("Networks");
        assertThat(networks).singleElement().satisfies(network -> assertThat(network)
                .containsEntry("NetworkMode", "awsvpc").containsEntry("IPv4Addresses", List.of(TASK_ADDRESS))
                .containsEntry("AttachmentIndex", 0).containsEntry("MACAddress", "0a:00:00:00:00:01"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void version3LeavesOutWhatVersion4Added() {
        Map<String, Object> container = TaskMetadata.container(EndpointFixtures.runningTask(definition), definition,
                "web", observed, TaskMetadata.Version.V3);
        Map<String, Object> task = TaskMetadata.task(EndpointFixtures.runningTask(definition), definition, observed,
                TaskMetadata.Version.V3);

        assertThat(container).containsKeys("DockerId", "Name", "DockerName", "Image", "ImageID", "Labels",
                "DesiredStatus", "KnownStatus", "Limits", "CreatedAt", "StartedAt", "Type", "Networks")
                .doesNotContainKeys("LogDriver", "ContainerARN");
        assertThat((List<Map<String, Object>>) container.get("Networks")).singleElement()
                .isEqualTo(Map.of("NetworkMode", "awsvpc", "IPv4Addresses", List.of(TASK_ADDRESS)));
        assertThat(task).doesNotContainKeys("LaunchType").containsEntry("TaskARN", TASK_ARN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBridgeContainerHasItsOwnAddress() {
        TaskDefinition bridge = EndpointFixtures.definition("bridge");
        Map<String, ContainerObservation> own = Map.of("docker-web", new ContainerObservation("docker-web", "/web",
                Map.of(), ContainerObservation.State.RUNNING, null, false, ContainerObservation.Health.NONE, null, null,
                List.of(), "172.17.0.4", null));

        Map<String, Object> container = TaskMetadata.container(EndpointFixtures.runningTask(bridge), bridge, "web",
                own, TaskMetadata.Version.V4);

        assertThat(container).containsEntry("DockerName", "web").containsEntry("ImageID", "");
        assertThat((List<Map<String, Object>>) container.get("Networks")).singleElement()
                .isEqualTo(Map.of("NetworkMode", "bridge", "IPv4Addresses", List.of("172.17.0.4")));
    }
}

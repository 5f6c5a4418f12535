package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskStatusCountsTest {
    private final StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer());
    private final TaskStatusCounts counts = new TaskStatusCounts(store::snapshot);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void countsTasksByLastStatusEveryStatusIncluded() {
        put("a", TaskStatus.RUNNING);
        put("b", TaskStatus.RUNNING);
        put("c", TaskStatus.STOPPED);

        Map<String, Long> counted = counts.get();

        assertThat(counted).containsEntry("RUNNING", 2L).containsEntry("STOPPED", 1L).containsEntry("PENDING", 0L);
        assertThat(counted.keySet()).containsExactlyElementsOf(TaskStatusCounts.STATUSES);
    }

    @Test
    void countsAgainOnlyWhenTheTasksChanged() {
        put("a", TaskStatus.PENDING);
        Map<String, Long> first = counts.get();

        assertThat(counts.get()).as("no task written since: the same count").isSameAs(first);

        put("a", TaskStatus.RUNNING);
        assertThat(counts.get()).containsEntry("PENDING", 0L).containsEntry("RUNNING", 1L);
    }

    private void put(String id, TaskStatus status) {
        Task task = new Task.Builder()
                .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/" + id)
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .agentId("local-fargate")
                .lastStatus(status)
                .desiredStatus(status == TaskStatus.STOPPED ? DesiredStatus.STOPPED : DesiredStatus.RUNNING)
                .healthStatus(HealthStatus.UNKNOWN)
                .containers(List.of(new TaskContainer("arn:container/web", "web", "busybox", null,
                        ContainerStatus.PENDING, null, null, List.of(), HealthStatus.UNKNOWN, true, "0", null, null,
                        null, null)))
                .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
        store.write(tx -> tx.put(Kind.TASK, task));
    }
}

package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskReservationTest {

    @Test
    void taskLevelValuesWinOverTheContainers() {
        Task task = task("256", "512", container("app", "128", "1024", "64"));

        assertThat(TaskReservation.of(task)).isEqualTo(new TaskReservation(256, 512));
    }

    @Test
    void withoutTaskLevelValuesTheContainersAreSummedTakingTheSoftLimitFirst() {
        Task task = task(null, null,
                container("app", "256", "512", "128"), // reservation 128 MiB counts, not the 512 MiB limit
                container("sidecar", "128", "64", null)); // no reservation: the hard limit

        assertThat(TaskReservation.of(task)).isEqualTo(new TaskReservation(384, 192));
    }

    @Test
    void containersWithNothingReserveNothing() {
        Task task = task(null, null, container("app", "0", null, null));

        assertThat(TaskReservation.of(task)).isEqualTo(new TaskReservation(0, 0));
    }

    @Test
    void theOtherSpellingsOfTaskSizesAreRead() {
        assertThat(TaskReservation.of(task("0.25 vCPU", "0.5 GB"))).isEqualTo(new TaskReservation(256, 512));
        assertThat(TaskReservation.of(task("1 vcpu", "2GB"))).isEqualTo(new TaskReservation(1024, 2048));
    }

    static Task task(String cpu, String memory, TaskContainer... containers) {
        return new Task.Builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/1").cpu(cpu).memory(memory)
                .containers(List.of(containers)).build();
    }

    static TaskContainer container(String name, String cpu, String memory, String memoryReservation) {
        return new TaskContainer(null, name, "busybox", null, null, null, null, List.of(), HealthStatus.UNKNOWN, true,
                cpu, memory, memoryReservation, null, null);
    }
}

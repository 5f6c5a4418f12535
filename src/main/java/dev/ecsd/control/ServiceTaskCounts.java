package dev.ecsd.control;

import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.List;

/**
 * A service's tasks and the running and pending counts DescribeServices reports of it and of each of its
 * deployments, computed from the tasks so they are always true (the console shows the same).
 */
public final class ServiceTaskCounts {
    private ServiceTaskCounts() {
    }

    /**
     * The service's tasks: its group's index, then those it owns (reading all tasks made DescribeServices O(all
     * tasks)).
     */
    public static List<Task> tasksOf(Snapshot state, Service service) {
        return state.indexed(Kind.TASK, Kind.groupKey(service.clusterArn(), service.taskGroup()))
                .filter(service::owns)
                .toList();
    }

    /** The RUNNING tasks of a deployment ({@code deploymentId}), or of every deployment (null). */
    public static int running(List<Task> tasks, String deploymentId) {
        return (int) tasks.stream()
                .filter(t -> deploymentId == null || deploymentId.equals(t.startedBy()))
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING)
                .count();
    }

    /** The pending tasks (on their way to RUNNING and still wanted) of a deployment, or of every deployment (null). */
    public static int pending(List<Task> tasks, String deploymentId) {
        return (int) tasks.stream()
                .filter(t -> deploymentId == null || deploymentId.equals(t.startedBy()))
                .filter(Task::isPending)
                .count();
    }
}

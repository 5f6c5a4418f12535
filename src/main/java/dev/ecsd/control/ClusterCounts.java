package dev.ecsd.control;

import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;

/**
 * The task, service and container instance counts DescribeClusters reports, computed from the state.
 * {@code unstoppedTasks} counts every task not yet STOPPED, which keeps a cluster from being deleted.
 */
public record ClusterCounts(int runningTasks, int pendingTasks, int unstoppedTasks, int activeServices,
        int registeredContainerInstances, int runningFargateTasks, int pendingFargateTasks, int runningEc2Tasks,
        int pendingEc2Tasks, int activeFargateServices, int activeEc2Services, int drainingFargateServices,
        int drainingEc2Services) {

    public static ClusterCounts of(Snapshot state, String clusterArn) {
        int running = 0;
        int pending = 0;
        int unstopped = 0;
        int runningEc2 = 0;
        int pendingEc2 = 0;
        for (Task task : (Iterable<Task>) state.all(Kind.TASK)::iterator) {
            if (!task.clusterArn().equals(clusterArn) || task.lastStatus() == TaskStatus.STOPPED) {
                continue;
            }
            unstopped++;
            boolean ec2 = "EC2".equals(task.launchType());
            if (task.lastStatus() == TaskStatus.RUNNING) {
                running++;
                runningEc2 += ec2 ? 1 : 0;
            } else if (task.isPending()) {
                pending++;
                pendingEc2 += ec2 ? 1 : 0;
            }
        }
        int activeFargate = 0;
        int activeEc2 = 0;
        int drainingFargate = 0;
        int drainingEc2 = 0;
        for (Service service : (Iterable<Service>) state.all(Kind.SERVICE)::iterator) {
            if (!service.clusterArn().equals(clusterArn)) {
                continue;
            }
            boolean ec2 = "EC2".equals(service.launchType());
            if (service.status() == ServiceStatus.ACTIVE) {
                activeFargate += ec2 ? 0 : 1;
                activeEc2 += ec2 ? 1 : 0;
            } else if (service.status() == ServiceStatus.DRAINING) {
                drainingFargate += ec2 ? 0 : 1;
                drainingEc2 += ec2 ? 1 : 0;
            }
        }
        return new ClusterCounts(running, pending, unstopped, activeFargate + activeEc2, 0, running - runningEc2,
                pending - pendingEc2, runningEc2, pendingEc2, activeFargate, activeEc2, drainingFargate, drainingEc2);
    }
}

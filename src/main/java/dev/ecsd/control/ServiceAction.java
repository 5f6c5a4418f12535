package dev.ecsd.control;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.ServiceBookkeeping;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.TaskSet;
import java.util.List;

/**
 * One thing the service scheduler decided for a service, as data. Tasks are started and stopped by the
 * controller that carries out a plan; everything else changes the service record, through
 * {@link ServiceActions#apply}, the one place that does.
 */
public sealed interface ServiceAction {

    /** Start {@code count} tasks for a deployment; {@code replacingUnhealthy} of them replace unhealthy tasks. */
    record StartTasks(String deploymentId, int count, int replacingUnhealthy) implements ServiceAction {
    }

    /** Stop a task, with ECS's reason. */
    record StopTask(String taskArn, String reason) implements ServiceAction {
    }

    /** Create a deployment, or replace the one with its id. The PRIMARY deployment is always listed first. */
    record PutDeployment(Deployment deployment) implements ServiceAction {
    }

    record RemoveDeployment(String deploymentId) implements ServiceAction {
    }

    /** Replace the task set with its id (its computed count or stability changed). */
    record PutTaskSet(TaskSet taskSet) implements ServiceAction {
    }

    /** Forget a deleted task set whose tasks have all stopped. */
    record RemoveTaskSet(String taskSetId) implements ServiceAction {
    }

    /** Add an event, newest first; the service keeps ECS's newest {@value dev.ecsd.model.Service#MAX_EVENTS}. */
    record AppendEvent(String message) implements ServiceAction {
    }

    record SetStatus(ServiceStatus status) implements ServiceAction {
    }

    /** A rollback makes an earlier deployment primary: the service takes back its task definition and launch settings. */
    record RestoreLaunchSettings(Deployment deployment) implements ServiceAction {
    }

    /** Register the targets of running tasks in a target group. */
    record RegisterTargets(String targetGroupArn, List<TargetRef> targets) implements ServiceAction {
        public RegisterTargets {
            targets = List.copyOf(targets);
        }
    }

    /** Deregister the targets of tasks that are to stop: they drain, and the tasks stop once they are gone. */
    record DeregisterTargets(String targetGroupArn, List<TargetRef> targets) implements ServiceAction {
        public DeregisterTargets {
            targets = List.copyOf(targets);
        }
    }

    /** Where a task is reached by a target group. */
    record TargetRef(String taskArn, String id, int port, String availabilityZone) {
    }

    /** Replaces the scheduler's own memory of the service. */
    record SetBookkeeping(ServiceBookkeeping bookkeeping) implements ServiceAction {
    }
}

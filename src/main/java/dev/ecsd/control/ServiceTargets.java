package dev.ecsd.control;

import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.Lists;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetHealthState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a service's load balancers mean for its tasks, as pure functions: where a task is reached, which of its
 * targets to register and deregister, and whether its targets count as healthy.
 */
final class ServiceTargets {
    /** Where the load balancer reaches a task: its ports are published on loopback (see the README). */
    static final String LOOPBACK = "127.0.0.1";

    private ServiceTargets() {
    }

    /** The address at which {@code task} serves {@code loadBalancer}'s container port, once its port is published. */
    static Optional<ServiceAction.TargetRef> address(Task task, LoadBalancer loadBalancer) {
        for (TaskContainer container : Lists.orEmpty(task.containers())) {
            if (!container.name().equals(loadBalancer.containerName())) {
                continue;
            }
            for (NetworkBinding binding : Lists.orEmpty(container.networkBindings())) {
                if (loadBalancer.containerPort() != null && loadBalancer.containerPort().equals(binding.containerPort())
                        && binding.hostPort() != null && binding.hostPort() > 0) {
                    String host = binding.bindIP() == null || binding.bindIP().isBlank()
                            || "0.0.0.0".equals(binding.bindIP()) ? LOOPBACK : binding.bindIP();
                    return Optional.of(new ServiceAction.TargetRef(task.taskArn(), host, binding.hostPort(),
                            task.availabilityZone()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A task behind load balancers counts as healthy once each of them has it registered and healthy; a task with no
     * load balancer is judged by the rest of ECS's rules alone.
     */
    static boolean healthy(List<LoadBalancer> loadBalancers, List<Target> targets) {
        if (loadBalancers.isEmpty()) {
            return true;
        }
        for (LoadBalancer loadBalancer : loadBalancers) {
            if (loadBalancer.targetGroupArn() == null) {
                continue;
            }
            boolean healthy = targets.stream().anyMatch(t -> t.targetGroupArn().equals(loadBalancer.targetGroupArn())
                    && t.state() == TargetHealthState.HEALTHY);
            if (!healthy) {
                return false;
            }
        }
        return true;
    }

    /** A target of the task that its load balancer found unhealthy, if any. */
    static Optional<Target> unhealthy(List<Target> targets) {
        return targets.stream().filter(t -> t.state() == TargetHealthState.UNHEALTHY).findFirst();
    }

    /**
     * The targets running tasks still lack, by target group: each task is registered with the load balancers of its
     * own deployment.
     */
    static Map<String, List<ServiceAction.TargetRef>> toRegister(List<Task> running,
            Function<Task, List<LoadBalancer>> loadBalancersOf, Map<String, List<Target>> targetsByTask) {
        Map<String, List<ServiceAction.TargetRef>> registrations = new LinkedHashMap<>();
        for (Task task : running) {
            for (LoadBalancer loadBalancer : loadBalancersOf.apply(task)) {
                if (loadBalancer.targetGroupArn() == null) {
                    continue;
                }
                List<Target> mine = targetsByTask.getOrDefault(task.taskArn(), List.of());
                boolean registered = mine.stream().anyMatch(t -> t.targetGroupArn()
                        .equals(loadBalancer.targetGroupArn()) && !t.isDraining());
                if (!registered) {
                    address(task, loadBalancer).ifPresent(ref -> registrations
                            .computeIfAbsent(loadBalancer.targetGroupArn(), k -> new ArrayList<>()).add(ref));
                }
            }
        }
        return registrations;
    }

    /** The registered (not yet draining) targets of tasks that are to stop, by target group. */
    static Map<String, List<ServiceAction.TargetRef>> toDeregister(List<Task> stopping,
            Map<String, List<Target>> targetsByTask) {
        Map<String, List<ServiceAction.TargetRef>> deregistrations = new LinkedHashMap<>();
        for (Task task : stopping) {
            for (Target target : targetsByTask.getOrDefault(task.taskArn(), List.of())) {
                if (!target.isDraining()) {
                    deregistrations.computeIfAbsent(target.targetGroupArn(), k -> new ArrayList<>())
                            .add(new ServiceAction.TargetRef(task.taskArn(), target.id(), target.port(),
                                    target.availabilityZone()));
                }
            }
        }
        return deregistrations;
    }
}

package dev.ecsd.control;

import dev.ecsd.model.Arns;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceBookkeeping;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.StabilityStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskSetStatus;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.elb.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service scheduler's plan for a service with the EXTERNAL deployment controller, as a pure function of the
 * same view {@link ServicePlanner} plans on. The external controller decides how to move between task sets, so there
 * is no rolling and no circuit breaker here: each task set is kept at its computed desired count (unhealthy tasks
 * replaced after the grace period, surplus ones stopped, newest and not yet healthy first, never a protected one), a
 * DRAINING set's tasks are stopped and the set forgotten once they all have, and each set's stabilityStatus says
 * whether it runs its count of healthy tasks. Tasks that keep failing to start are throttled as the rolling
 * scheduler throttles them.
 */
public final class TaskSetPlanner {
    private static final String STARTED = "started:";
    private static final String STOPPED = "stopped:";

    private TaskSetPlanner() {
    }

    public static ServicePlan plan(ServicePlanner.ServiceView view) {
        return new Pass(view).run();
    }

    /** One planning pass: mutable working state, used once. */
    private static final class Pass {
        private final ServicePlanner.ServiceView view;
        private final Service service;
        private final Instant now;
        private final Duration grace;
        private final List<ServiceAction> actions = new ArrayList<>();
        private final List<ServiceAction.StopTask> stops = new ArrayList<>();
        private final List<String> events = new ArrayList<>();
        private final Set<String> accounted;
        private final Set<String> warnings;
        private int startFailures;
        private Instant throttledUntil;
        private Instant recheckAt;

        Pass(ServicePlanner.ServiceView view) {
            this.view = view;
            this.service = view.service();
            this.now = view.now();
            this.grace = Duration.ofSeconds(service.healthCheckGracePeriodSeconds() == null ? 0
                    : service.healthCheckGracePeriodSeconds());
            Set<String> present = new HashSet<>();
            view.tasks().forEach(t -> present.add(t.taskArn()));
            this.accounted = new HashSet<>(service.accountedTasks());
            this.accounted.removeIf(entry -> !present.contains(entry.substring(entry.indexOf(':') + 1)));
            this.warnings = new HashSet<>(service.raisedWarnings());
            this.startFailures = service.consecutiveStartFailures();
            this.throttledUntil = service.throttledUntil();
        }

        ServicePlan run() {
            boolean active = service.status() == ServiceStatus.ACTIVE;
            int desired = active ? service.desiredCount() : 0;
            if (account()) {
                throttle();
            }
            boolean throttled = throttledUntil != null && now.isBefore(throttledUntil);
            if (throttled) {
                recheck(throttledUntil);
            }
            boolean becameSteady = false;
            boolean allSteady = true;
            List<ServiceAction> setChanges = new ArrayList<>();
            for (TaskSet set : Lists.orEmpty(service.taskSets())) {
                TaskSet next = set;
                int computed = TaskSet.computedDesiredCount(desired, set.scalePercent());
                if (computed != set.computedDesiredCount()) {
                    next = set.withScale(set.scalePercent(), desired, now);
                }
                int wanted = set.status() == TaskSetStatus.DRAINING ? 0 : computed;
                List<Task> live = live(set);
                int replaced = replaceUnhealthy(live);
                live = live(set);
                int started = 0;
                if (live.size() > wanted) {
                    scaleIn(set, live, live.size() - wanted);
                } else if (live.size() < wanted) {
                    started = wanted - live.size();
                    if (!throttled) {
                        actions.add(new ServiceAction.StartTasks(set.id(), started, replaced));
                    }
                }
                live = live(set);
                long healthy = live.stream().filter(this::healthy).count();
                // tasks on their way out (stopping now or before) keep a set STABILIZING until they have stopped
                long running = tasksOf(set).stream().filter(t -> !t.isStopped()).count();
                boolean steady = started == 0 && running == wanted && live.size() == wanted && healthy == wanted;
                StabilityStatus stability = steady ? StabilityStatus.STEADY_STATE : StabilityStatus.STABILIZING;
                if (stability != set.stabilityStatus()) {
                    next = next.withStability(stability, now);
                    becameSteady |= steady;
                }
                allSteady &= steady;
                boolean gone = tasksOf(set).stream().allMatch(Task::isStopped) && live.isEmpty();
                if (set.status() == TaskSetStatus.DRAINING && gone) {
                    setChanges.add(new ServiceAction.RemoveTaskSet(set.id()));
                } else if (!next.equals(set)) {
                    setChanges.add(new ServiceAction.PutTaskSet(next));
                }
            }
            targets();
            Map<String, List<String>> stoppedBySet = new TreeMap<>();
            for (ServiceAction.StopTask stop : stops) {
                view.tasks().stream().filter(t -> t.taskArn().equals(stop.taskArn())).findFirst()
                        .ifPresent(t -> stoppedBySet.computeIfAbsent(t.startedBy(), k -> new ArrayList<>())
                                .add(Arns.lastSegment(t.taskArn())));
            }
            stoppedBySet.forEach((setId, ids) -> events.add(prefix(setId) + " has stopped " + ids.size()
                    + " running tasks: " + ServicePlanner.taskList(ids) + "."));
            if (active && becameSteady && allSteady) {
                events.add("(service " + service.serviceName() + ") has reached a steady state.");
            }
            actions.addAll(stops);
            actions.addAll(setChanges);
            events.forEach(e -> actions.add(new ServiceAction.AppendEvent(e)));
            ServiceBookkeeping book = service.bookkeeping();
            ServiceBookkeeping next = new ServiceBookkeeping(book.lastCompletedDeployment(), startFailures,
                    throttledUntil, accounted, warnings, book.lastSteadyStateAt());
            if (!next.equals(book)) {
                actions.add(new ServiceAction.SetBookkeeping(next));
            }
            if (service.status() == ServiceStatus.DRAINING && stops.isEmpty()
                    && view.tasks().stream().allMatch(Task::isStopped)) {
                actions.add(new ServiceAction.SetStatus(ServiceStatus.INACTIVE));
            }
            return new ServicePlan(service, actions, ServiceActions.apply(service, actions, now, view.eventIds()),
                    recheckAt);
        }

        /**
         * Counts tasks that started (which ends a run of start failures) and tasks that stopped before they ever
         * started, once each, as the rolling scheduler counts them; answers whether a task failed to start.
         */
        private boolean account() {
            boolean newFailure = false;
            for (Task task : view.tasks()) {
                if (task.startedAt() != null && accounted.add(STARTED + task.taskArn())) {
                    startFailures = 0;
                    throttledUntil = null;
                    warnings.remove(ServicePlanner.WARNING_THROTTLED);
                }
                boolean ending = task.isStopped()
                        || task.desiredStatus() == DesiredStatus.STOPPED && task.stopCode() != null;
                if (ending && accounted.add(STOPPED + task.taskArn())
                        && (task.stopCode() == null || task.stopCode().isTaskFailure()) && task.startedAt() == null) {
                    startFailures++;
                    newFailure = true;
                }
            }
            return newFailure;
        }

        /** After repeated start failures, launches wait longer and longer, as the rolling scheduler's do. */
        private void throttle() {
            if (startFailures >= ServicePlanner.THROTTLE_AFTER) {
                throttledUntil = now.plus(ServicePlanner.throttleDelay(startFailures));
                if (warnings.add(ServicePlanner.WARNING_THROTTLED)) {
                    events.add("(service " + service.serviceName()
                            + ") is unable to consistently start tasks successfully.");
                }
            }
        }

        /**
         * Stops running tasks whose container health checks failed, or whose load balancer target is unhealthy, once
         * the health check grace period (from the task's start) is over; answers how many.
         */
        private int replaceUnhealthy(List<Task> live) {
            int replaced = 0;
            for (Task task : live) {
                Target unhealthyTarget = ServiceTargets.unhealthy(targetsOf(task)).orElse(null);
                boolean unhealthyContainer = task.healthStatus() == HealthStatus.UNHEALTHY;
                if (task.lastStatus() != TaskStatus.RUNNING || !unhealthyContainer && unhealthyTarget == null) {
                    continue;
                }
                Instant graceEnds = (task.startedAt() == null ? now : task.startedAt()).plus(grace);
                if (now.isBefore(graceEnds)) {
                    recheck(graceEnds);
                    continue;
                }
                if (unhealthyContainer) {
                    events.add("(service " + service.serviceName() + ") (task " + task.taskId()
                            + ") failed container health checks.");
                    stops.add(new ServiceAction.StopTask(task.taskArn(), ServicePlanner.HEALTH_CHECK_REASON));
                } else {
                    stops.add(new ServiceAction.StopTask(task.taskArn(),
                            ServicePlanner.elbHealthCheckReason(unhealthyTarget.targetGroupArn())));
                }
                replaced++;
            }
            return replaced;
        }

        /** Stops {@code surplus} of a set's tasks: not yet healthy ones first, then the newest; never a protected one. */
        private void scaleIn(TaskSet set, List<Task> live, int surplus) {
            String reason = "Scaling activity initiated by (deployment " + set.id() + ")";
            live.stream()
                    .sorted(Comparator.<Task, Boolean>comparing(this::healthy)
                            .thenComparing(Task::createdAt, Comparator.reverseOrder()))
                    .filter(t -> !isProtected(t))
                    .limit(surplus)
                    .forEach(t -> stops.add(new ServiceAction.StopTask(t.taskArn(), reason)));
        }

        /** Registers running tasks in their set's target groups; deregisters the targets of tasks that stop. */
        private void targets() {
            for (TaskSet set : Lists.orEmpty(service.taskSets())) {
                List<Task> running = live(set).stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).toList();
                ServiceTargets.toRegister(running, this::loadBalancersOf, view.targetsByTask())
                        .forEach((group, refs) -> {
                            actions.add(new ServiceAction.RegisterTargets(group, refs));
                            events.add(prefix(set.id()) + " registered " + refs.size() + " targets in (target-group "
                                    + group + ")");
                        });
            }
            Set<String> stopping = new HashSet<>();
            stops.forEach(s -> stopping.add(s.taskArn()));
            List<Task> leaving = view.tasks().stream().filter(t -> stopping.contains(t.taskArn())
                    || t.desiredStatus() == DesiredStatus.STOPPED || t.isStopped()).toList();
            Map<String, Set<String>> drainingBySet = new TreeMap<>();
            ServiceTargets.toDeregister(leaving, view.targetsByTask()).forEach((group, refs) -> {
                actions.add(new ServiceAction.DeregisterTargets(group, refs));
                // ECS names only the service here, and the set in the draining event that follows
                events.add("(service " + service.serviceName() + ") deregistered " + refs.size()
                        + " targets in (target-group " + group + ")");
                refs.forEach(ref -> leaving.stream().filter(t -> t.taskArn().equals(ref.taskArn())).findFirst()
                        .ifPresent(t -> drainingBySet.computeIfAbsent(t.startedBy(), k -> new HashSet<>())
                                .add(t.taskArn())));
            });
            drainingBySet.forEach((setId, tasks) -> events.add(prefix(setId) + " has begun draining connections on "
                    + tasks.size() + " tasks."));
        }

        /** ECS's prefix of a task set's events: "(service web, taskSet ecs-svc/…)". */
        private String prefix(String taskSetId) {
            return "(service " + service.serviceName() + ", taskSet " + taskSetId + ")";
        }

        private List<Task> tasksOf(TaskSet set) {
            return view.tasks().stream().filter(t -> set.id().equals(t.startedBy())).toList();
        }

        /** The set's tasks meant to run that this pass does not stop. */
        private List<Task> live(TaskSet set) {
            Set<String> stopping = new HashSet<>();
            stops.forEach(s -> stopping.add(s.taskArn()));
            return tasksOf(set).stream()
                    .filter(t -> t.desiredStatus() == DesiredStatus.RUNNING && !t.isStopped()
                            && !stopping.contains(t.taskArn()))
                    .toList();
        }

        private boolean healthy(Task task) {
            return ServicePlanner.isHealthy(task, view.definitions().get(task.taskDefinitionArn()))
                    && ServiceTargets.healthy(loadBalancersOf(task), targetsOf(task));
        }

        /** The load balancers of the task's set whose target groups exist. */
        private List<LoadBalancer> loadBalancersOf(Task task) {
            return service.taskSet(task.startedBy()).map(s -> Lists.orEmpty(s.loadBalancers())).orElse(List.of())
                    .stream().filter(l -> view.targetGroups().contains(l.targetGroupArn())).toList();
        }

        private List<Target> targetsOf(Task task) {
            return view.targetsByTask().getOrDefault(task.taskArn(), List.of());
        }

        private boolean isProtected(Task task) {
            Instant until = view.protectedUntil().get(task.taskArn());
            if (until == null || !until.isAfter(now)) {
                return false;
            }
            recheck(until);
            return true;
        }

        private void recheck(Instant at) {
            if (recheckAt == null || at.isBefore(recheckAt)) {
                recheckAt = at;
            }
        }
    }
}

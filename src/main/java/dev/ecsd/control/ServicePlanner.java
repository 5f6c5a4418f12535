package dev.ecsd.control;

import dev.ecsd.model.Arns;
import dev.ecsd.model.CircuitBreakerOptions;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.DesiredStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.Lists;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceBookkeeping;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.model.elb.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The service scheduler's decision for one service, as a pure function of the service, its tasks and the
 * time: which tasks to start and stop so that the desired count is kept and a rollout obeys its limits;
 * what the circuit breaker and the launch throttle say; which deployments complete, fail or roll back; and
 * the events ECS would write. No I/O, no clock of its own.
 */
public final class ServicePlanner {
    public static final String HEALTH_CHECK_REASON = "Task failed container health checks";
    /** ECS does not repeat an identical warning for six hours unless its cause cleared. */
    public static final Duration EVENT_REPEAT = Duration.ofHours(6);
    /** The longest pause between launch attempts of a service whose tasks keep failing to start. */
    public static final Duration MAX_THROTTLE = Duration.ofMinutes(27);
    /** Consecutive start failures before launches are throttled. */
    public static final int THROTTLE_AFTER = 3;
    public static final Duration THROTTLE_BASE = Duration.ofSeconds(15);

    static final String WARNING_THROTTLED = "throttled";
    static final String WARNING_STUCK = "stuck";
    static final String WARNING_PROTECTED = "protected";
    private static final String STARTED = "started:";
    private static final String HEALTHY = "healthy:";
    private static final String STOPPED = "stopped:";

    private ServicePlanner() {
    }

    /**
     * Everything the planner looks at for one service. {@code tasks} are the service's tasks, stopped ones too;
     * {@code targetsByTask} are the load balancer targets registered for them (draining ones too), by task ARN;
     * {@code targetGroups} the ARNs of the service's target groups that exist; {@code protectedUntil} the end of each
     * task's scale-in protection, by task ARN; {@code lastCompleted} the deployment the service's deployment history
     * says it last completed (what a rollback returns to), or null to use the copy the service record keeps.
     */
    public record ServiceView(Service service, List<Task> tasks, Map<String, TaskDefinition> definitions,
            Instant now, Supplier<String> eventIds, Map<String, List<Target>> targetsByTask, Set<String> targetGroups,
            Map<String, Instant> protectedUntil, Deployment lastCompleted) {

        public ServiceView(Service service, List<Task> tasks, Map<String, TaskDefinition> definitions, Instant now,
                Supplier<String> eventIds) {
            this(service, tasks, definitions, now, eventIds, Map.of(), Set.of());
        }

        public ServiceView(Service service, List<Task> tasks, Map<String, TaskDefinition> definitions, Instant now,
                Supplier<String> eventIds, Map<String, List<Target>> targetsByTask, Set<String> targetGroups) {
            this(service, tasks, definitions, now, eventIds, targetsByTask, targetGroups, Map.of());
        }

        public ServiceView(Service service, List<Task> tasks, Map<String, TaskDefinition> definitions, Instant now,
                Supplier<String> eventIds, Map<String, List<Target>> targetsByTask, Set<String> targetGroups,
                Map<String, Instant> protectedUntil) {
            this(service, tasks, definitions, now, eventIds, targetsByTask, targetGroups, protectedUntil, null);
        }
    }

    /** ECS's stoppedReason for a task whose load balancer target failed its health checks. */
    public static String elbHealthCheckReason(String targetGroupArn) {
        return "Task failed ELB health checks in (target-group " + targetGroupArn + ")";
    }

    public static ServicePlan plan(ServiceView view) {
        return new Pass(view).run();
    }

    /** Lifts the launch throttle of {@code service} (a new task definition gets its own chances). */
    static void clearThrottle(Service.Builder next, Service service) {
        Set<String> warnings = new HashSet<>(service.raisedWarnings());
        warnings.remove(WARNING_THROTTLED);
        next.consecutiveStartFailures(0).throttledUntil(null).raisedWarnings(warnings);
    }

    /** The delay before the next launch after {@code failures} consecutive start failures. */
    public static Duration throttleDelay(int failures) {
        if (failures < THROTTLE_AFTER) {
            return Duration.ZERO;
        }
        int exponent = Math.min(20, failures - THROTTLE_AFTER);
        Duration delay = THROTTLE_BASE.multipliedBy(1L << exponent);
        return delay.compareTo(MAX_THROTTLE) > 0 ? MAX_THROTTLE : delay;
    }

    /** The circuit breaker's failure threshold for a desired count, honouring a threshold configuration. */
    public static int circuitBreakerThreshold(int desired, DeploymentConfiguration configuration) {
        CircuitBreakerOptions.ThresholdConfiguration threshold = configuration.circuitBreakerOptions()
                .thresholdConfiguration();
        if (threshold == null) {
            return RollingMath.circuitBreakerThreshold(desired);
        }
        String type = threshold.type() == null ? "BOUNDED_PERCENT" : threshold.type();
        double value = threshold.value() == null ? 50 : threshold.value();
        return switch (type) {
            case "COUNT" -> Math.max(1, (int) value);
            case "UNBOUNDED_PERCENT" -> Math.max(1, (int) Math.ceil(value / 100.0 * desired));
            default -> RollingMath.circuitBreakerThreshold(desired, value);
        };
    }

    /** Whether a task counts as healthy as ECS defines it: health checks where its definition has them, else RUNNING. */
    public static boolean isHealthy(Task task, TaskDefinition definition) {
        if (task.lastStatus() != TaskStatus.RUNNING) {
            return false;
        }
        boolean checked = definition != null && definition.containerDefinitions().stream()
                .anyMatch(c -> c.isEssential() && c.healthCheck() != null);
        return !checked || task.healthStatus() == HealthStatus.HEALTHY;
    }

    /** One planning pass: mutable working state, used once. */
    private static final class Pass {
        private final ServiceView view;
        private final Service service;
        private final Instant now;
        private final String name;
        private final DeploymentConfiguration configuration;
        private final Map<String, Deployment> deployments = new LinkedHashMap<>();
        private final Set<String> accounted;
        private final Set<String> warnings;
        private final List<String> newEvents = new ArrayList<>();
        private final List<ServiceAction.StartTasks> launches = new ArrayList<>();
        private final List<ServiceAction.StopTask> stops = new ArrayList<>();
        private final List<ServiceAction> targetActions = new ArrayList<>();
        private int startFailures;
        private Instant throttledUntil;
        private Deployment lastCompleted;
        /** Set when a rollback makes an earlier deployment primary: the service takes its launch settings back. */
        private Deployment restored;
        private ServiceStatus status;
        private Instant recheckAt;
        private Instant lastSteadyStateAt;
        /** Set when this pass made a deployment primary again: it completes in a later pass, not this one. */
        private boolean rolledBack;

        Pass(ServiceView view) {
            this.view = view;
            this.service = view.service();
            this.now = view.now();
            this.name = service.serviceName();
            this.configuration = service.deploymentConfiguration() == null ? DeploymentConfiguration.defaults()
                    : service.deploymentConfiguration();
            Lists.orEmpty(service.deployments()).forEach(d -> deployments.put(d.id(), d));
            Set<String> present = new HashSet<>();
            view.tasks().forEach(t -> present.add(t.taskArn()));
            this.accounted = new HashSet<>(service.accountedTasks());
            this.accounted.removeIf(entry -> !present.contains(entry.substring(entry.indexOf(':') + 1)));
            this.warnings = new HashSet<>(service.raisedWarnings());
            this.startFailures = service.consecutiveStartFailures();
            this.throttledUntil = service.throttledUntil();
            // the history names the deployment; the record's copy, when it is the same one, keeps its exact fields
            Deployment kept = service.lastCompletedDeployment();
            this.lastCompleted = view.lastCompleted() != null && (kept == null
                    || !kept.id().equals(view.lastCompleted().id())) ? view.lastCompleted() : kept;
            this.status = service.status();
            this.lastSteadyStateAt = service.lastSteadyStateAt();
        }

        ServicePlan run() {
            boolean newStartFailure = account();
            boolean tripped = circuitBreaker();
            if (newStartFailure && !tripped) {
                throttle();
            }
            int replacedUnhealthy = replaceUnhealthy();
            roll(replacedUnhealthy);
            finishDeployments();
            targets();
            if (!stops.isEmpty()) {
                List<String> ids = stops.stream().map(s -> Arns.lastSegment(s.taskArn())).toList();
                event("has stopped " + ids.size() + " running tasks: " + taskList(ids) + ".");
            }
            steadyState();
            if (status == ServiceStatus.DRAINING && stops.isEmpty()
                    && view.tasks().stream().allMatch(Task::isStopped)) {
                status = ServiceStatus.INACTIVE;
            }
            List<ServiceAction> actions = actions();
            return new ServicePlan(service, actions, ServiceActions.apply(service, actions, now, view.eventIds()),
                    recheckAt);
        }

        /**
         * Counts what happened to tasks since the last pass: starts, first health, and stops. Answers whether a
         * task failed to start.
         */
        private boolean account() {
            boolean newFailure = false;
            for (Task task : view.tasks()) {
                Deployment deployment = deployments.get(task.startedBy());
                if (task.startedAt() != null && accounted.add(STARTED + task.taskArn())) {
                    startFailures = 0;
                    throttledUntil = null;
                    warnings.remove(WARNING_THROTTLED);
                }
                if (healthy(task) && accounted.add(HEALTHY + task.taskArn())
                        && deployment != null && deployment.rolloutState() == RolloutState.IN_PROGRESS
                        && resetOnHealthyTask()) {
                    deployments.put(deployment.id(), deployment.withFailedTasks(0, now));
                }
                // Counted once the stop is decided, not when it is over: a replacement is launched as soon as a
                // task is on its way down, and it must already see the failure (the breaker, the throttle).
                boolean ending = task.isStopped()
                        || task.desiredStatus() == DesiredStatus.STOPPED && task.stopCode() != null;
                if (ending && accounted.add(STOPPED + task.taskArn())) {
                    // Tasks the scheduler or a user stopped did not fail, nor did tasks whose host lost them (a restart
                    // of ecsd itself): neither the breaker nor the throttle counts them.
                    if (task.stopCode() != null && !task.stopCode().isTaskFailure()) {
                        continue;
                    }
                    if (task.startedAt() == null) {
                        startFailures++;
                        newFailure = true;
                    }
                    Deployment current = deployments.get(task.startedBy());
                    if (current != null && current.rolloutState() == RolloutState.IN_PROGRESS) {
                        deployments.put(current.id(), current.withFailedTasks(current.failedTasks() + 1, now));
                    }
                }
            }
            return newFailure;
        }

        /**
         * After repeated start failures, launches wait longer and longer. Not when the circuit breaker has just
         * ended the deployment whose tasks failed: the user hears of that instead, and a rollback starts afresh.
         */
        private void throttle() {
            if (startFailures >= THROTTLE_AFTER) {
                throttledUntil = now.plus(throttleDelay(startFailures));
                if (warnings.add(WARNING_THROTTLED)) {
                    event("is unable to consistently start tasks successfully.");
                }
            }
        }

        private boolean resetOnHealthyTask() {
            return configuration.circuitBreakerOptions().resetsOnHealthyTask();
        }

        /** Answers whether the breaker tripped in this pass. */
        private boolean circuitBreaker() {
            Deployment primary = primary();
            if (primary == null || !configuration.circuitBreakerEnabled()
                    || primary.rolloutState() != RolloutState.IN_PROGRESS) {
                return false;
            }
            int threshold = circuitBreakerThreshold(service.desiredCount(), configuration);
            if (primary.failedTasks() < threshold) {
                return false;
            }
            Deployment failed = primary.withRollout(RolloutState.FAILED,
                    "ECS deployment circuit breaker: tasks failed to start.", now);
            deployments.put(failed.id(), failed);
            event("(deployment " + failed.id() + ") deployment failed: tasks failed to start.");
            if (!configuration.rollback() || lastCompleted == null || lastCompleted.id().equals(failed.id())) {
                return true;
            }
            Deployment rollback = lastCompleted.withStatus(DeploymentStatus.PRIMARY, now)
                    .withDesiredCount(service.desiredCount(), now)
                    .withFailedTasks(0, now)
                    .withRollout(RolloutState.IN_PROGRESS, "ECS deployment circuit breaker: rolling back to deploymentId "
                            + lastCompleted.id() + ".", now);
            Map<String, Deployment> reordered = new LinkedHashMap<>();
            reordered.put(rollback.id(), rollback);
            deployments.forEach((id, d) -> {
                if (!id.equals(rollback.id())) {
                    reordered.put(id, d.status() == DeploymentStatus.PRIMARY ? d.withStatus(DeploymentStatus.ACTIVE, now) : d);
                }
            });
            deployments.clear();
            deployments.putAll(reordered);
            restored = rollback;
            rolledBack = true;
            startFailures = 0;
            throttledUntil = null;
            warnings.remove(WARNING_THROTTLED);
            event("rolling back to deployment " + rollback.id() + ".");
            return true;
        }

        /**
         * Stops running tasks whose container health checks failed, or whose load balancer target is unhealthy, once
         * the health check grace period (from the task's start) is over. Both count as failures for the circuit
         * breaker, as ECS counts them.
         */
        private int replaceUnhealthy() {
            int replaced = 0;
            Duration grace = Duration.ofSeconds(service.healthCheckGracePeriodSeconds() == null ? 0
                    : service.healthCheckGracePeriodSeconds());
            for (Task task : live()) {
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
                    event("(task " + task.taskId() + ") failed container health checks.");
                    stops.add(new ServiceAction.StopTask(task.taskArn(), HEALTH_CHECK_REASON));
                } else {
                    event("(task " + task.taskId() + ") (port " + unhealthyTarget.port() + ") is unhealthy in "
                            + "(target-group " + unhealthyTarget.targetGroupArn() + ") due to (reason "
                            + unhealthyTarget.description() + ")");
                    stops.add(new ServiceAction.StopTask(task.taskArn(),
                            elbHealthCheckReason(unhealthyTarget.targetGroupArn())));
                }
                Deployment deployment = deployments.get(task.startedBy());
                if (deployment != null && deployment.rolloutState() == RolloutState.IN_PROGRESS) {
                    deployments.put(deployment.id(), deployment.withFailedTasks(deployment.failedTasks() + 1, now));
                }
                replaced++;
            }
            return replaced;
        }

        /**
         * Registers running tasks in their target groups, and deregisters the targets of tasks that are to stop:
         * those drain, and their tasks wait in DEACTIVATING until they are gone.
         */
        private void targets() {
            List<Task> running = live().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).toList();
            ServiceTargets.toRegister(running, this::loadBalancersOf, view.targetsByTask()).forEach((group, refs) -> {
                targetActions.add(new ServiceAction.RegisterTargets(group, refs));
                event("registered " + refs.size() + " targets in (target-group " + group + ")");
            });
            Set<String> stopping = new HashSet<>();
            stops.forEach(s -> stopping.add(s.taskArn()));
            List<Task> leaving = view.tasks().stream().filter(t -> stopping.contains(t.taskArn())
                    || t.desiredStatus() == DesiredStatus.STOPPED || t.isStopped()).toList();
            Set<String> draining = new HashSet<>();
            ServiceTargets.toDeregister(leaving, view.targetsByTask()).forEach((group, refs) -> {
                targetActions.add(new ServiceAction.DeregisterTargets(group, refs));
                refs.forEach(ref -> draining.add(ref.taskArn()));
                event("deregistered " + refs.size() + " targets in (target-group " + group + ")");
            });
            if (!draining.isEmpty()) {
                event("has begun draining connections on " + draining.size() + " tasks.");
            }
        }

        private List<Target> targetsOf(Task task) {
            return view.targetsByTask().getOrDefault(task.taskArn(), List.of());
        }

        /** Healthy as ECS counts it: its container health checks, and its load balancer targets. */
        private boolean healthy(Task task) {
            return isHealthy(task, definitionOf(task))
                    && ServiceTargets.healthy(loadBalancersOf(task), targetsOf(task));
        }

        /**
         * The load balancers a task is registered with: its deployment's (a change of the service's load balancers
         * is a new deployment, whose tasks go to the new ones), whose target groups exist.
         */
        private List<LoadBalancer> loadBalancersOf(Task task) {
            Deployment deployment = deployments.get(task.startedBy());
            List<LoadBalancer> own = deployment != null && deployment.loadBalancers() != null
                    ? deployment.loadBalancers() : Lists.orEmpty(service.loadBalancers());
            return own.stream().filter(l -> view.targetGroups().contains(l.targetGroupArn())).toList();
        }

        private void roll(int replacedUnhealthy) {
            Deployment primary = primary();
            int desired = status == ServiceStatus.ACTIVE ? service.desiredCount() : 0;
            List<Task> live = live();
            if (primary == null) {
                live.forEach(t -> stop(t, "Scaling activity initiated by (service " + name + ")"));
                return;
            }
            String scaling = "Scaling activity initiated by (deployment " + primary.id() + ")";
            List<Task> mine = live.stream().filter(t -> primary.id().equals(t.startedBy())).toList();
            List<Task> old = live.stream().filter(t -> !primary.id().equals(t.startedBy())).toList();
            boolean failed = primary.rolloutState() == RolloutState.FAILED;
            int healthy = (int) live.stream().filter(t -> healthy(t)).count();
            List<Task> oldHealthy = old.stream().filter(t -> healthy(t))
                    .sorted(Comparator.comparing(Task::createdAt)).toList();

            int stopsBefore = stops.size();
            int protectedKept = 0;
            if (mine.size() > desired) {
                // Scale in: stop the tasks that are not healthy yet first, then the newest; never a protected one.
                List<Task> surplus = new ArrayList<>(mine);
                surplus.sort(Comparator.<Task, Boolean>comparing(t -> healthy(t))
                        .thenComparing(Task::createdAt, Comparator.reverseOrder()));
                List<Task> unprotected = surplus.stream().filter(t -> !isProtected(t)).toList();
                unprotected.stream().limit(mine.size() - desired).forEach(t -> stop(t, scaling));
                protectedKept += Math.max(0, mine.size() - desired - unprotected.size());
            }
            if (!failed) {
                old.stream().filter(t -> !healthy(t) && !isProtected(t)).forEach(t -> stop(t, scaling));
            }
            RollingMath.Step step = RollingMath.step(desired, configuration.minimumHealthyPercent(),
                    configuration.maximumPercent(), Math.min(mine.size(), desired),
                    live.size() - (stops.size() - stopsBefore), healthy, failed ? 0 : oldHealthy.size());
            // a deployment replaces old tasks, but leaves a protected one running until its protection ends
            List<Task> oldStoppable = oldHealthy.stream().filter(t -> !isProtected(t)).toList();
            oldStoppable.stream().limit(step.stopHealthyOld()).forEach(t -> stop(t, scaling));
            protectedKept += Math.max(0, step.stopHealthyOld() - oldStoppable.size());
            if (!failed) {
                protectedKept += (int) old.stream().filter(t -> !healthy(t) && isProtected(t)).count();
            }
            protectedWarning(protectedKept);

            boolean throttled = throttledUntil != null && now.isBefore(throttledUntil);
            if (throttled) {
                recheck(throttledUntil);
            }
            int start = failed || throttled || status != ServiceStatus.ACTIVE ? 0 : step.start();
            if (start > 0) {
                launches.add(new ServiceAction.StartTasks(primary.id(), start, Math.min(start, replacedUnhealthy)));
            }
            boolean work = !old.isEmpty() || mine.size() < desired;
            boolean waiting = live.stream().anyMatch(t -> t.lastStatus() != TaskStatus.RUNNING)
                    || live.stream().anyMatch(t -> !healthy(t));
            boolean progress = start > 0 || stops.size() > stopsBefore;
            if (work && !progress && !waiting && !failed && !throttled && protectedKept == 0
                    && status == ServiceStatus.ACTIVE) {
                if (warnings.add(WARNING_STUCK)) {
                    event("was unable to stop or start tasks during a deployment because of the service deployment "
                            + "configuration. Update the minimumHealthyPercent or maximumPercent value and try again.");
                }
            } else if (progress) {
                warnings.remove(WARNING_STUCK);
            }
        }

        /**
         * Keeps older deployments' desired counts true, and completes the primary once it alone runs every task,
         * healthy; older deployments (a failed one too) leave the list then.
         */
        private void finishDeployments() {
            Deployment primary = primary();
            if (primary == null) {
                return;
            }
            Set<String> stopping = new HashSet<>();
            stops.forEach(s -> stopping.add(s.taskArn()));
            boolean othersDrained = true;
            for (Deployment deployment : List.copyOf(deployments.values())) {
                if (deployment.id().equals(primary.id())) {
                    continue;
                }
                othersDrained &= view.tasks().stream()
                        .noneMatch(t -> deployment.id().equals(t.startedBy()) && !t.isStopped());
                long stillDesired = view.tasks().stream().filter(t -> deployment.id().equals(t.startedBy())
                        && t.desiredStatus() == DesiredStatus.RUNNING && !stopping.contains(t.taskArn())).count();
                if (deployment.desiredCount() != stillDesired) {
                    deployments.put(deployment.id(), deployment.withDesiredCount((int) stillDesired, now));
                }
            }
            int desired = status == ServiceStatus.ACTIVE ? service.desiredCount() : 0;
            if (primary.desiredCount() != desired) {
                primary = primary.withDesiredCount(desired, now);
                deployments.put(primary.id(), primary);
            }
            if (primary.rolloutState() != RolloutState.IN_PROGRESS || !othersDrained || rolledBack
                    || !launches.isEmpty() || !stops.isEmpty() || status != ServiceStatus.ACTIVE) {
                return;
            }
            String primaryId = primary.id();
            List<Task> mine = live().stream().filter(t -> primaryId.equals(t.startedBy())).toList();
            boolean done = mine.size() == desired && mine.stream().allMatch(t -> healthy(t));
            if (done) {
                Deployment completed = primary.withRollout(RolloutState.COMPLETED,
                        "ECS deployment " + primary.id() + " completed.", now);
                deployments.clear();
                deployments.put(completed.id(), completed);
                lastCompleted = completed;
                warnings.remove(WARNING_STUCK);
                event("(deployment " + completed.id() + ") deployment completed.");
            }
        }

        private void steadyState() {
            Deployment primary = primary();
            boolean steady = status == ServiceStatus.ACTIVE && primary != null && deployments.size() == 1
                    && primary.rolloutState() == RolloutState.COMPLETED && launches.isEmpty() && stops.isEmpty()
                    && live().size() == service.desiredCount()
                    && live().stream().allMatch(t -> t.lastStatus() == TaskStatus.RUNNING);
            if (!steady) {
                return;
            }
            // As ECS omits a duplicate event for six hours, a service that replaces a crashing task and is steady
            // again says so once; a deployment that completed or a new desired count since then is news.
            if (lastSteadyStateAt == null || !now.isBefore(lastSteadyStateAt.plus(EVENT_REPEAT))
                    || primary.updatedAt().isAfter(lastSteadyStateAt)) {
                event("has reached a steady state.");
                lastSteadyStateAt = now;
            }
            recheck(lastSteadyStateAt.plus(EVENT_REPEAT));
        }

        /** What this pass decided, as actions: the tasks to stop and start, then every change of the record. */
        private List<ServiceAction> actions() {
            List<ServiceAction> actions = new ArrayList<>(stops);
            actions.addAll(launches);
            actions.addAll(targetActions);
            Map<String, Deployment> before = new LinkedHashMap<>();
            Lists.orEmpty(service.deployments()).forEach(d -> before.put(d.id(), d));
            before.keySet().stream().filter(id -> !deployments.containsKey(id))
                    .forEach(id -> actions.add(new ServiceAction.RemoveDeployment(id)));
            deployments.values().stream().filter(d -> !d.equals(before.get(d.id())))
                    .forEach(d -> actions.add(new ServiceAction.PutDeployment(d)));
            if (restored != null) {
                actions.add(new ServiceAction.RestoreLaunchSettings(restored));
            }
            if (status != service.status()) {
                actions.add(new ServiceAction.SetStatus(status));
            }
            newEvents.forEach(message -> actions.add(new ServiceAction.AppendEvent(message)));
            ServiceBookkeeping bookkeeping = new ServiceBookkeeping(lastCompleted, startFailures, throttledUntil,
                    accounted, warnings, lastSteadyStateAt);
            if (!bookkeeping.equals(service.bookkeeping())) {
                actions.add(new ServiceAction.SetBookkeeping(bookkeeping));
            }
            return actions;
        }

        private Deployment primary() {
            return deployments.values().stream().filter(d -> d.status() == DeploymentStatus.PRIMARY).findFirst()
                    .orElse(null);
        }

        /** Tasks the service still wants running and that this pass has not asked to stop. */
        private List<Task> live() {
            Set<String> stopping = new HashSet<>();
            stops.forEach(s -> stopping.add(s.taskArn()));
            return view.tasks().stream()
                    .filter(t -> t.desiredStatus() == DesiredStatus.RUNNING && !t.isStopped()
                            && !stopping.contains(t.taskArn()))
                    .toList();
        }

        private boolean stopping(Task task) {
            return stops.stream().anyMatch(s -> s.taskArn().equals(task.taskArn()));
        }

        private void stop(Task task, String reason) {
            if (!stopping(task)) {
                stops.add(new ServiceAction.StopTask(task.taskArn(), reason));
            }
        }

        private TaskDefinition definitionOf(Task task) {
            return view.definitions().get(task.taskDefinitionArn());
        }

        private boolean isProtected(Task task) {
            Instant until = view.protectedUntil().get(task.taskArn());
            return until != null && now.isBefore(until);
        }

        /**
         * Says once that protected tasks keep the service from scaling in (until the count changes or the cause
         * clears), and looks again when the first protection ends.
         */
        private void protectedWarning(int kept) {
            if (kept == 0) {
                warnings.removeIf(w -> w.startsWith(WARNING_PROTECTED));
                return;
            }
            view.protectedUntil().values().stream().filter(now::isBefore).min(Comparator.naturalOrder())
                    .ifPresent(this::recheck);
            if (warnings.add(WARNING_PROTECTED + kept)) {
                warnings.removeIf(w -> w.startsWith(WARNING_PROTECTED) && !w.equals(WARNING_PROTECTED + kept));
                event("was unable to scale in due to (reason: " + kept + " tasks under protection).");
            }
        }

        private void event(String message) {
            newEvents.add("(service " + name + ") " + message);
        }

        private void recheck(Instant at) {
            if (recheckAt == null || at.isBefore(recheckAt)) {
                recheckAt = at;
            }
        }
    }

    /** ECS's "(task a) (task b)" list of task ids, for events. */
    public static String taskList(List<String> taskIds) {
        return String.join(" ", taskIds.stream().map(id -> "(task " + id + ")").toList());
    }
}

package dev.ecsd.control.autoscaling;

import dev.ecsd.control.runtime.Controller;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.Service;
import dev.ecsd.model.autoscaling.PolicyAlarm;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingBookkeeping;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.ScheduledAction;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application Auto Scaling's engine, one key per scalable target: carries out the alarm actions that name the
 * target's policies and runs its scheduled actions when they are due. Each alarm action is consumed in one
 * transaction with its effect — the invocation deleted, the desired count set through the service commands, the
 * activity and the target's bookkeeping written — and an invocation whose period is not newer than the last one
 * consumed from its alarm is dropped, so a crash at any point ends in exactly one scaling.
 */
public final class AutoScalingController {
    public static final String NAME = "autoscaling";
    /** How long activities are kept: AWS shows the last six weeks. */
    public static final Duration ACTIVITY_RETENTION = Duration.ofDays(42);
    private static final Duration RESYNC = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AutoScalingController.class);

    private final StateStore store;
    private final ServiceScaling scaling;
    private final Controller controller;

    public AutoScalingController(StateStore store, ServiceScaling scaling, ControllerRuntime runtime) {
        this.store = store;
        this.scaling = scaling;
        store.subscribe(this::onChanges);
        this.controller = runtime.register(NAME, this::reconcile,
                () -> store.snapshot().all(Kind.SCALABLE_TARGET).map(ScalableTarget::key).toList(), RESYNC, 2);
    }

    private void onChanges(List<Change> changes) {
        Snapshot state = null;
        for (Change change : changes) {
            Object record = change.after() != null ? change.after() : change.before();
            switch (record) {
                case ScalableTarget target -> controller.enqueue(target.key());
                case ScheduledAction action -> controller.enqueue(action.targetKey());
                case AlarmActionInvocation invocation when change.after() != null -> {
                    state = state == null ? store.snapshot() : state;
                    state.find(Kind.SCALING_POLICY, invocation.actionArn())
                            .ifPresent(policy -> controller.enqueue(policy.targetKey()));
                }
                default -> {
                }
            }
        }
    }

    Outcome reconcile(String targetKey) {
        Snapshot state = store.snapshot();
        pruneActivities(state, targetKey, store.now());
        if (state.find(Kind.SCALABLE_TARGET, targetKey).isEmpty()) {
            return Outcome.done();
        }
        List<AlarmActionInvocation> invocations = state.indexed(Kind.SCALING_POLICY, targetKey)
                .flatMap(policy -> state.indexed(Kind.ALARM_ACTION_INVOCATION, policy.policyArn()))
                .sorted(Comparator.comparing(AlarmActionInvocation::periodEnd,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (AlarmActionInvocation invocation : invocations) {
            store.write(tx -> {
                consume(tx, targetKey, invocation.key());
                return null;
            });
        }
        Instant next = null;
        Instant now = store.now();
        for (ScheduledAction action : state.indexed(Kind.SCHEDULED_ACTION, targetKey).toList()) {
            // only a due action takes the writer; the others just say when they are next due
            Optional<Instant> upcoming = due(action, now).isPresent()
                    ? store.write(tx -> runScheduled(tx, action.scheduledActionArn()))
                    : schedule(action).flatMap(s -> s.upcoming(after(action), action.startTime(), action.endTime()));
            if (upcoming.isPresent() && (next == null || upcoming.get().isBefore(next))) {
                next = upcoming.get();
            }
        }
        return next == null ? Outcome.done() : Outcome.lookAgainAt(next);
    }

    /** Carries out one invocation, if it is still there, within {@code tx}. */
    private void consume(Transaction tx, String targetKey, String invocationKey) {
        AlarmActionInvocation invocation = tx.find(Kind.ALARM_ACTION_INVOCATION, invocationKey).orElse(null);
        if (invocation == null) {
            return;
        }
        tx.delete(Kind.ALARM_ACTION_INVOCATION, invocationKey);
        ScalableTarget target = tx.find(Kind.SCALABLE_TARGET, targetKey).orElse(null);
        ScalingPolicy policy = tx.find(Kind.SCALING_POLICY, invocation.actionArn()).orElse(null);
        if (target == null || policy == null || !policy.targetKey().equals(targetKey)) {
            return;
        }
        ScalingBookkeeping books = target.bookkeeping();
        if (books.consumed(invocation.alarmArn(), invocation.periodEnd())) {
            LOG.debug("invocation of {} by {} for the period ending {} was already carried out", policy.policyName(),
                    invocation.alarmName(), invocation.periodEnd());
            return;
        }
        books = books.consume(invocation.alarmArn(), invocation.periodEnd());
        Service service = scaling.service(tx, target).orElse(null);
        if (service == null) {
            tx.put(Kind.SCALABLE_TARGET, target.withBookkeeping(books));
            return;
        }
        AlarmSignal signal = new AlarmSignal(invocation.alarmName(), invocation.alarmArn(), invocation.state().name(),
                invocation.metricValue(), invocation.threshold(), invocation.periodEnd());
        ScalingSituation situation = new ScalingSituation(target, policy, signal, service.desiredCount(),
                ServiceScaling.deploymentInProgress(service), othersReadyToScaleIn(tx, policy), tx.now());
        String cause = ScalingActivities.alarmCause(invocation.alarmName(), invocation.state().name(),
                policy.policyName());
        switch (ScalingMath.decide(situation)) {
            case ScalingDecision.Scale scale -> {
                scaling.setDesiredCount(tx, target, service, scale.newCapacity(), cause);
                books = scale.scaleOut() ? books.scaledOut(tx.now(), service.desiredCount())
                        : books.scaledIn(tx.now());
                LOG.info("{}: {} set the desired count of {} from {} to {}", policy.policyName(),
                        invocation.alarmName(), target.resourceId(), service.desiredCount(), scale.newCapacity());
            }
            case ScalingDecision.NotScaled notScaled -> {
                if (!notScaled.code().equals(books.lastNotScaledCode())) {
                    tx.put(Kind.SCALING_ACTIVITY, ScalingActivities.notScaled(scaling.newId(), target,
                            notScaled.wantedCapacity(), service.desiredCount(), notScaled.code(), cause, tx.now()));
                }
                books = books.notScaled(notScaled.code());
            }
            case ScalingDecision.Skip skip -> LOG.debug("{} not scaled by {}: {}", target.resourceId(),
                    policy.policyName(), skip.reason());
        }
        tx.put(Kind.SCALABLE_TARGET, target.withBookkeeping(books));
    }

    /**
     * Whether every other target tracking policy of the target that may scale in has its low alarm in ALARM: AWS
     * scales in only when all of them agree.
     */
    private static boolean othersReadyToScaleIn(Transaction tx, ScalingPolicy policy) {
        return tx.state().indexed(Kind.SCALING_POLICY, policy.targetKey())
                .filter(other -> other.usesTargetTracking() && !other.policyArn().equals(policy.policyArn()))
                .filter(other -> !other.targetTracking().disableScaleIn())
                .allMatch(other -> other.alarms().stream()
                        .filter(alarm -> ScalingMath.isLowAlarm(alarm.alarmName()))
                        .map(PolicyAlarm::alarmArn)
                        .anyMatch(arn -> tx.find(Kind.METRIC_ALARM, arn)
                                .filter(alarm -> alarm.status().state() == AlarmState.ALARM).isPresent()));
    }

    /** Runs a scheduled action if it is due; answers when it is next due. */
    private Optional<Instant> runScheduled(Transaction tx, String actionArn) {
        ScheduledAction action = tx.find(Kind.SCHEDULED_ACTION, actionArn).orElse(null);
        if (action == null) {
            return Optional.empty();
        }
        Optional<Instant> due = due(action, tx.now());
        if (due.isPresent()) {
            tx.put(Kind.SCHEDULED_ACTION, action.ranAt(due.get()));
            tx.find(Kind.SCALABLE_TARGET, action.targetKey())
                    .filter(target -> !target.suspendedState().scheduledScalingSuspended())
                    .ifPresent(target -> {
                        ScalableTarget changed = target.withCapacity(
                                action.minCapacity() != null ? action.minCapacity() : target.minCapacity(),
                                action.maxCapacity() != null ? action.maxCapacity() : target.maxCapacity());
                        tx.put(Kind.SCALABLE_TARGET, changed);
                        scaling.moveIntoRange(tx, changed);
                        LOG.info("scheduled action {} set {} to min {} max {}", action.scheduledActionName(),
                                target.resourceId(), changed.minCapacity(), changed.maxCapacity());
                    });
        }
        return schedule(action).flatMap(s -> s.upcoming(due.orElse(after(action)), action.startTime(),
                action.endTime()));
    }

    private static Optional<Schedule> schedule(ScheduledAction action) {
        try {
            Instant anchor = action.startTime() != null ? action.startTime() : action.creationTime();
            return Optional.of(Schedule.parse(action.schedule(), action.timezone(), anchor));
        } catch (IllegalArgumentException e) {
            LOG.warn("scheduled action {} has an invalid schedule: {}", action.scheduledActionName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Where the search for an action's next run starts: its last run, else its creation. */
    private static Instant after(ScheduledAction action) {
        return action.lastRunAt() != null ? action.lastRunAt() : action.creationTime();
    }

    /** The latest run of an action that is due at {@code now} and has not run yet. */
    private static Optional<Instant> due(ScheduledAction action, Instant now) {
        return schedule(action).flatMap(s -> s.latestDue(after(action), now, action.startTime(), action.endTime()));
    }

    private void pruneActivities(Snapshot state, String targetKey, Instant now) {
        Instant cutoff = now.minus(ACTIVITY_RETENTION);
        List<String> old = state.indexed(Kind.SCALING_ACTIVITY, targetKey)
                .filter(activity -> activity.startTime().isBefore(cutoff))
                .map(activity -> activity.activityId()).toList();
        if (!old.isEmpty()) {
            store.write(tx -> {
                old.forEach(id -> tx.delete(Kind.SCALING_ACTIVITY, id));
                return null;
            });
        }
    }
}

package dev.ecsd.control.alarm;

import dev.ecsd.control.runtime.Controller;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every CloudWatch alarm once per period, on the runtime's timer: one controller of one key whose pass
 * evaluates each alarm whose period has ended since its last evaluation, and writes, in batches, only what changed —
 * new states with their history and actions, and the Auto Scaling invocations of alarms that stay in a state.
 *
 * <p>An alarm of Period p (AWS seconds) is evaluated at the end of each period of {@link MetricPeriod#scale}(p), a
 * tenth of ecsd's minute later so that the period's data has been published. The end of the last period evaluated
 * is written in the same transaction as the invocations it caused: after a kill -9 a period whose invocations were
 * written is not evaluated again, and one whose were not is. An evaluation that changes nothing writes nothing and is
 * remembered in memory only, since repeating it after a restart changes nothing either. When the server was down for
 * several periods only the newest is evaluated, as there is nothing to catch up: the state is that of the newest
 * data.
 */
public final class AlarmController {
    public static final String NAME = "cloudwatch-alarms";
    static final String KEY = "alarms";
    /** Alarms whose writes share one transaction: bounds how long the store's writer is held. */
    static final int ALARMS_PER_TRANSACTION = 500;
    private static final Duration HISTORY_SWEEP_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(AlarmController.class);

    private final StateStore store;
    private final MetricStore metrics;
    private final MetricPeriod period;
    private final Duration delay;
    /** The last period end evaluated of alarms whose evaluation wrote nothing. */
    private final Map<String, Instant> evaluatedUpTo = new ConcurrentHashMap<>();
    private volatile Instant historySweptAt;
    private Controller controller;

    public AlarmController(StateStore store, MetricStore metrics, MetricPeriod period) {
        this.store = store;
        this.metrics = metrics;
        this.period = period;
        this.delay = period.publishEvery().dividedBy(10);
    }

    /** Starts evaluating on the runtime; alarms are looked at again at least every ecsd minute. */
    public AlarmController register(ControllerRuntime runtime) {
        controller = runtime.register(NAME, key -> pass().outcome(), () -> List.of(KEY), period.publishEvery(), 1);
        return this;
    }

    /** What one pass did, for the benchmark and tests. */
    public record Pass(int evaluated, int written, Outcome outcome) {
    }

    /** Evaluates every alarm that is due and writes what changed. */
    public Pass pass() {
        Instant now = store.now();
        Instant next = null;
        List<Evaluated> writes = new ArrayList<>();
        Map<String, Instant> seen = new HashMap<>();
        int evaluated = 0;
        for (MetricAlarm alarm : (Iterable<MetricAlarm>) store.snapshot().all(Kind.METRIC_ALARM)::iterator) {
            AlarmDefinition definition = alarm.definition();
            Duration length = length(definition);
            Instant end = align(now.minus(delay), length);
            Instant last = latest(alarm.status().lastEvaluatedPeriodEnd(), evaluatedUpTo.get(alarm.alarmArn()));
            seen.put(alarm.alarmArn(), last);
            if (last != null && !end.isAfter(last)) {
                next = earliest(next, last.plus(length).plus(delay));
                continue;
            }
            next = earliest(next, end.plus(length).plus(delay));
            evaluated++;
            AlarmEvaluation evaluation = evaluate(alarm, end, length, now);
            AlarmState state = evaluation.state();
            boolean changes = !evaluation.retained() && state != alarm.status().state();
            boolean invokes = definition.actionsEnabled()
                    && definition.actionsFor(state).stream().anyMatch(AlarmRecords::isScalingPolicy);
            if (changes || invokes) {
                writes.add(new Evaluated(alarm, evaluation, end, changes));
            } else {
                seen.put(alarm.alarmArn(), end);
            }
        }
        evaluatedUpTo.clear();
        seen.forEach((arn, end) -> {
            if (end != null) {
                evaluatedUpTo.put(arn, end);
            }
        });
        boolean retry = false;
        for (int from = 0; from < writes.size(); from += ALARMS_PER_TRANSACTION) {
            retry |= write(writes.subList(from, Math.min(writes.size(), from + ALARMS_PER_TRANSACTION)));
        }
        sweepHistory(now);
        Outcome outcome = retry ? Outcome.lookAgainAfter(Duration.ZERO)
                : next == null ? Outcome.done() : Outcome.lookAgainAt(next);
        return new Pass(evaluated, writes.size(), outcome);
    }

    /** Asks for a pass now: an alarm was created or its state set. */
    public void poke() {
        if (controller != null) {
            controller.enqueue(KEY);
        }
    }

    private AlarmEvaluation evaluate(MetricAlarm alarm, Instant end, Duration length, Instant now) {
        AlarmDefinition definition = alarm.definition();
        int periods = AlarmEvaluator.rangePeriods(definition);
        Instant start = end.minus(length.multipliedBy(periods));
        List<Instant> starts = new ArrayList<>(periods);
        for (int i = 0; i < periods; i++) {
            starts.add(start.plus(length.multipliedBy(i)));
        }
        Map<Instant, Datapoint> data = new HashMap<>();
        for (PeriodStatistics statistics : metrics.statistics(definition.metric(), start, end, length,
                definition.unit())) {
            OptionalDouble value = AlarmStatistic.of(statistics, definition.statistic(),
                    definition.extendedStatistic());
            if (value.isPresent()) {
                data.put(statistics.start(), new Datapoint(statistics.start(), statistics.sampleCount(),
                        value.getAsDouble()));
            }
        }
        return AlarmEvaluator.evaluate(definition, alarm.status().state(), now, starts, data);
    }

    /** Writes a batch of evaluations; returns whether some alarm changed meanwhile and must be evaluated again. */
    private boolean write(List<Evaluated> batch) {
        return store.write(tx -> {
            boolean retry = false;
            for (Evaluated evaluated : batch) {
                MetricAlarm read = evaluated.alarm();
                MetricAlarm current = tx.find(Kind.METRIC_ALARM, read.alarmArn()).orElse(null);
                if (current == null) {
                    continue; // deleted meanwhile
                }
                if (!current.definition().equals(read.definition())) {
                    retry = true; // updated meanwhile: evaluated again on what it is now
                    continue;
                }
                if (!current.status().equals(read.status())) {
                    // Its state was set (SetAlarmState) meanwhile: that state holds until the next period.
                    evaluatedUpTo.put(read.alarmArn(), evaluated.end());
                    continue;
                }
                AlarmEvaluation evaluation = evaluated.evaluation();
                AlarmStatus old = current.status();
                AlarmStatus status = evaluated.changes()
                        ? new AlarmStatus(evaluation.state(), evaluation.reason(), evaluation.reasonData(), tx.now(),
                                tx.now(), evaluated.end())
                        : new AlarmStatus(old.state(), old.reason(), old.reasonData(), old.updatedAt(),
                                old.transitionedAt(), evaluated.end());
                AlarmRecords.recordStatus(tx, current, status, evaluation.newestValue(), evaluated.end(), true);
            }
            return retry;
        });
    }

    private void sweepHistory(Instant now) {
        if (historySweptAt != null && now.isBefore(historySweptAt.plus(HISTORY_SWEEP_EVERY))) {
            return;
        }
        historySweptAt = now;
        int expired = store.write(tx -> AlarmRecords.expireHistory(tx, now));
        if (expired > 0) {
            LOG.info("expired {} alarm history items older than {} days", expired,
                    AlarmRecords.HISTORY_RETENTION.toDays());
        }
    }

    /** How long one of the alarm's periods lasts here. */
    Duration length(AlarmDefinition definition) {
        Duration length = period.scale(definition.periodSeconds());
        return length.isZero() ? Duration.ofMillis(1) : length;
    }

    /** The end of the last whole period of {@code length} at {@code at}, periods aligned to the epoch. */
    static Instant align(Instant at, Duration length) {
        long millis = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private record Evaluated(MetricAlarm alarm, AlarmEvaluation evaluation, Instant end, boolean changes) {
    }
}

package dev.ecsd.control.metrics;

import dev.ecsd.control.metrics.RequestCountSource.Reading;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.model.Task;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ecsd's own metrics into the {@link MetricStore} at the end of every metric period: AWS/ECS (and
 * ECS/ContainerInsights where a cluster enables it) from the tasks' usage on the {@link TaskUsageBoard}, see
 * {@link EcsMetrics}, and AWS/ApplicationELB from the built-in load balancer's request counters, see
 * {@link AlbMetrics}. Each period's data is timestamped at the period's start, with the storage resolution of
 * {@link MetricPeriod#storageResolutionSeconds()}. A controller of one key on the {@link ControllerRuntime}, so it
 * runs only on the leader; it looks again exactly at the next period's end.
 *
 * <p>Periods are aligned to the epoch, as CloudWatch's are. A period is published once: the publisher remembers the
 * last one in memory, and after a restart starts with the period in progress (the usage of earlier ones was in
 * memory too, and is gone).
 */
public final class EcsMetricsPublisher {
    public static final String NAME = "ecs-metrics";
    private static final Logger LOG = LoggerFactory.getLogger(EcsMetricsPublisher.class);
    private static final String KEY = "publish";

    private final StateStore store;
    private final TaskUsageBoard usage;
    private final MetricStore metrics;
    private final MetricPeriod period;
    private final RequestCountSource requests;
    private final InstantSource clock;
    private final Object lock = new Object();
    private Instant lastPublishedEnd; // guarded by lock
    private Map<RequestCountSource.Key, Reading> lastReadings = Map.of(); // guarded by lock

    public EcsMetricsPublisher(StateStore store, TaskUsageBoard usage, MetricStore metrics, MetricPeriod period,
            RequestCountSource requests, InstantSource clock, ControllerRuntime runtime) {
        this.store = store;
        this.usage = usage;
        this.metrics = metrics;
        this.period = period;
        this.requests = requests;
        this.clock = clock;
        // The first pass only notes where the current period ends: there is nothing measured before it.
        this.lastPublishedEnd = periodEnd(clock.instant());
        this.lastReadings = readings();
        runtime.register(NAME, key -> publish(), () -> List.of(KEY), period.publishEvery(), 1);
    }

    /** Publishes the period that ended last, unless it was published; then waits for the next period's end. */
    Outcome publish() {
        Instant end = periodEnd(clock.instant());
        synchronized (lock) {
            if (end.isAfter(lastPublishedEnd)) {
                publishPeriod(end.minus(period.publishEvery()), end);
                lastPublishedEnd = end;
            }
        }
        return Outcome.lookAgainAt(end.plus(period.publishEvery()));
    }

    private void publishPeriod(Instant start, Instant end) {
        Snapshot state = store.snapshot();
        List<MetricDatum> data = new ArrayList<>(EcsMetrics.compute(state.all(Kind.CLUSTER).toList(),
                state.all(Kind.SERVICE).toList(), tasksOf(state), usage.loads(start, end), start,
                period.storageResolutionSeconds()));
        Map<RequestCountSource.Key, Reading> now = readings();
        List<Reading> inPeriod = now.entrySet().stream()
                .map(entry -> entry.getValue().since(lastReadings.get(entry.getKey())))
                .filter(reading -> reading.requests() > 0 || reading.elb5xx() > 0)
                .toList();
        lastReadings = now;
        if (!inPeriod.isEmpty()) {
            data.addAll(AlbMetrics.compute(inPeriod, groupTargets(state), start, period.storageResolutionSeconds()));
        }
        usage.forgetBefore(end.minus(period.publishEvery()));
        if (data.isEmpty()) {
            return;
        }
        try {
            metrics.put(data);
        } catch (RuntimeException e) {
            LOG.warn("could not store the {} data points of the period from {}: {}", data.size(), start, e.toString());
            throw e;
        }
        LOG.debug("published {} data points for the period from {}", data.size(), start);
    }

    private static List<Task> tasksOf(Snapshot state) {
        return state.all(Kind.TASK).toList();
    }

    private Map<RequestCountSource.Key, Reading> readings() {
        Map<RequestCountSource.Key, Reading> byKey = new HashMap<>();
        for (Reading reading : requests.read()) {
            byKey.put(new RequestCountSource.Key(reading.loadBalancerArn(), reading.targetGroupArn()), reading);
        }
        return byKey;
    }

    private static Map<String, AlbMetrics.GroupTargets> groupTargets(Snapshot state) {
        Map<String, int[]> counts = new HashMap<>();
        state.all(Kind.TARGET).forEach(target -> {
            int[] count = counts.computeIfAbsent(target.targetGroupArn(), arn -> new int[2]);
            count[0]++;
            if (target.state() == TargetHealthState.HEALTHY) {
                count[1]++;
            }
        });
        Map<String, AlbMetrics.GroupTargets> groups = new HashMap<>();
        counts.forEach((arn, count) -> groups.put(arn, new AlbMetrics.GroupTargets(count[0], count[1])));
        return groups;
    }

    /** The end of the last period complete at {@code at}: the multiple of the period from the epoch at or before it. */
    Instant periodEnd(Instant at) {
        long millis = period.publishEvery().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis);
    }
}

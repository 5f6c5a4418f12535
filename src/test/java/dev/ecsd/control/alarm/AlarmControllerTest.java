package dev.ecsd.control.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmHistoryItem;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.StoreBackend;
import dev.ecsd.testing.MemoryMetricStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlarmControllerTest {
    private static final MetricKey CPU = MetricKey.of("AWS/ECS", "CPUUtilization",
            Map.of("ClusterName", "my-cluster", "ServiceName", "web"));
    private static final String ARN = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:cpu-high";
    private static final String POLICY = "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:"
            + "7f1c0a34-1f5e-4a9e-9d6f-2a1b3c4d5e6f:resource/ecs/service/my-cluster/web:policyName/cpu";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:ops";

    private final VirtualTimer timer = new VirtualTimer();
    private final MemoryMetricStore metrics = new MemoryMetricStore();
    private final FailingBackend backend = new FailingBackend();
    private StateStore store;
    private ControllerRuntime runtime;

    @BeforeEach
    void start() {
        open(MetricPeriod.AWS);
    }

    @AfterEach
    void stop() {
        runtime.close();
        store.close();
    }

    @Test
    void goesToAlarmAfterThreeBreachingPeriodsWithHistoryAndActions() {
        putAlarm(List.of(POLICY, TOPIC));
        publish(0, 3, 90.0);
        step(Duration.ofSeconds(66));
        // one breaching datapoint of three, then two: too few to alarm, and none says OK
        assertThat(alarm().status().state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        step(Duration.ofMinutes(1));
        assertThat(alarm().status().state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        step(Duration.ofMinutes(1));

        MetricAlarm alarm = alarm();
        assertThat(alarm.status().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.status().reason()).isEqualTo("Threshold Crossed: 3 datapoints [90.0 (01/01/25 00:02:00), "
                + "90.0 (01/01/25 00:01:00), 90.0 (01/01/25 00:00:00)] were greater than the threshold (70.0).");
        assertThat(alarm.status().lastEvaluatedPeriodEnd()).isEqualTo(at(3, 0));
        assertThat(history()).extracting(AlarmHistoryItem::historyItemType, AlarmHistoryItem::historySummary)
                .containsExactly(
                        tuple("StateUpdate", "Alarm updated from INSUFFICIENT_DATA to ALARM"),
                        tuple("Action", "Successfully executed action " + POLICY),
                        tuple("Action", "Failed to execute action " + TOPIC));
        assertThat(history().getFirst().historyData())
                .startsWith("{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"INSUFFICIENT_DATA\"")
                .contains("\"newState\":{\"stateValue\":\"ALARM\"", "\"stateReasonData\":{\"version\":\"1.0\"");
        assertThat(invocations()).singleElement().satisfies(invocation -> {
            assertThat(invocation.actionArn()).isEqualTo(POLICY);
            assertThat(invocation.state()).isEqualTo(AlarmState.ALARM);
            assertThat(invocation.metricValue()).isEqualTo(90.0);
            assertThat(invocation.periodEnd()).isEqualTo(at(3, 0));
        });
    }

    @Test
    void reinvokesScalingActionsEveryPeriodItStaysInTheStateReplacingUnconsumedOnes() {
        putAlarm(List.of(POLICY));
        publish(0, 10, 90.0);
        step(Duration.ofSeconds(3 * 60 + 6));
        assertThat(invocations()).singleElement().extracting(AlarmActionInvocation::periodEnd).isEqualTo(at(3, 0));
        step(Duration.ofMinutes(1));
        assertThat(invocations()).singleElement().extracting(AlarmActionInvocation::periodEnd).isEqualTo(at(4, 0));
        consume();
        step(Duration.ofMinutes(1));
        assertThat(invocations()).singleElement().extracting(AlarmActionInvocation::periodEnd).isEqualTo(at(5, 0));
        assertThat(history()).filteredOn(item -> item.historyItemType().equals("Action")).hasSize(1);
    }

    @Test
    void aStateSetByHandHoldsUntilTheNextPeriodsEvaluation() {
        putAlarm(List.of(POLICY));
        publish(0, 10, 90.0);
        step(Duration.ofSeconds(3 * 60 + 6));
        consume();
        step(Duration.ofSeconds(20));
        store.write(tx -> {
            MetricAlarm alarm = tx.find(Kind.METRIC_ALARM, ARN).orElseThrow();
            AlarmStatus old = alarm.status();
            return AlarmRecords.recordStatus(tx, alarm, new AlarmStatus(AlarmState.OK, "by hand", null, tx.now(),
                    tx.now(), old.lastEvaluatedPeriodEnd()), null, old.lastEvaluatedPeriodEnd(), false);
        });
        runtime.runUntilIdle();
        assertThat(alarm().status().state()).isEqualTo(AlarmState.OK);
        assertThat(invocations()).isEmpty();

        step(Duration.ofSeconds(40));
        assertThat(alarm().status().state()).isEqualTo(AlarmState.ALARM);
        assertThat(history().getLast().historySummary()).isEqualTo("Successfully executed action " + POLICY);
        assertThat(invocations()).singleElement().extracting(AlarmActionInvocation::periodEnd).isEqualTo(at(4, 0));
    }

    @Test
    void actionsDisabledInvokeNothing() {
        putAlarm(List.of(POLICY), false);
        publish(0, 5, 90.0);
        step(Duration.ofSeconds(4 * 60 + 6));
        assertThat(alarm().status().state()).isEqualTo(AlarmState.ALARM);
        assertThat(invocations()).isEmpty();
        assertThat(history()).noneMatch(item -> item.historyItemType().equals("Action"));
    }

    @Test
    void aRestartNeitherRepeatsNorSkipsAPeriodsInvocation() {
        putAlarm(List.of(POLICY));
        publish(0, 10, 90.0);
        step(Duration.ofSeconds(3 * 60 + 6));
        consume();

        restart(); // at 00:03:06 again, the period ending 00:03 was written with its invocation
        runtime.runUntilIdle();
        assertThat(invocations()).isEmpty();
        step(Duration.ofMinutes(1));
        assertThat(invocations()).singleElement().extracting(AlarmActionInvocation::periodEnd).isEqualTo(at(4, 0));
        consume();

        // kill -9 after the evaluation of the period ending 00:05, before its write is durable
        backend.failing = true;
        timer.advance(Duration.ofMinutes(1));
        runtime.runUntilIdle();
        assertThat(store.snapshot().all(Kind.ALARM_ACTION_INVOCATION)).isEmpty();
        backend.failing = false;
        restart();
        runtime.runUntilIdle();
        assertThat(invocations()).singleElement().extracting(AlarmActionInvocation::periodEnd).isEqualTo(at(5, 0));
        assertThat(alarm().status().lastEvaluatedPeriodEnd()).isEqualTo(at(5, 0));
    }

    @Test
    void aShorterMetricPeriodShortensAlarmPeriods() {
        stop();
        open(MetricPeriod.ofSeconds(6)); // an alarm period of 60 s lasts 6 s
        putAlarm(List.of(POLICY));
        for (int i = 0; i < 10; i++) {
            metrics.put(CPU, timer.instant().plusSeconds(6L * i + 3), 95.0);
        }
        step(Duration.ofMillis(3 * 6000 + 600));
        assertThat(alarm().status().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm().status().lastEvaluatedPeriodEnd()).isEqualTo(timer.instant().minusMillis(600));
    }

    @Test
    void noDataGoesToInsufficientDataAndEvaluatesOncePerPeriod() {
        putAlarm(List.of(), true, "missing");
        publish(0, 1, 50.0);
        step(Duration.ofSeconds(66));
        assertThat(alarm().status().state()).isEqualTo(AlarmState.OK);
        step(Duration.ofMinutes(5));
        assertThat(alarm().status().state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(alarm().status().reason()).isEqualTo("Insufficient Data: 3 datapoints were unknown.");
        int items = history().size();
        AlarmController controller = new AlarmController(store, metrics, MetricPeriod.AWS);
        assertThat(controller.pass().written()).isZero();
        assertThat(history()).hasSize(items);
    }

    @Test
    void historyIsKeptThirtyDays() {
        putAlarm(List.of());
        publish(0, 1, 50.0);
        step(Duration.ofSeconds(66));
        List<AlarmHistoryItem> old = history();
        assertThat(old).isNotEmpty();
        timer.advance(Duration.ofDays(29));
        new AlarmController(store, metrics, MetricPeriod.AWS).pass();
        assertThat(history()).containsAll(old);
        timer.advance(Duration.ofDays(2));
        new AlarmController(store, metrics, MetricPeriod.AWS).pass();
        assertThat(history()).isNotEmpty().doesNotContainAnyElementsOf(old);
    }

    private void open(MetricPeriod period) {
        store = StateStore.open(backend, timer);
        runtime = ControllerRuntime.manual(timer);
        new AlarmController(store, metrics, period).register(runtime);
    }

    private void restart() {
        stop();
        open(MetricPeriod.AWS);
    }

    private void step(Duration duration) {
        Instant target = timer.instant().plus(duration);
        while (timer.nextDue().filter(due -> !due.isAfter(target)).isPresent()) {
            timer.advanceTo(timer.nextDue().orElseThrow());
            runtime.runUntilIdle();
        }
        timer.advanceTo(target);
        runtime.runUntilIdle();
    }

    private void publish(int fromMinute, int toMinute, double value) {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            metrics.put(CPU, at(minute, 30), value);
        }
    }

    private void putAlarm(List<String> alarmActions) {
        putAlarm(alarmActions, true);
    }

    private void putAlarm(List<String> alarmActions, boolean actionsEnabled) {
        putAlarm(alarmActions, actionsEnabled, null);
    }

    private void putAlarm(List<String> alarmActions, boolean actionsEnabled, String treatMissingData) {
        AlarmDefinition definition = new AlarmDefinition(null, actionsEnabled, List.of(), alarmActions, List.of(), CPU,
                "Average", null, 60, null, 3, 3, 70.0, "GreaterThanThreshold", treatMissingData, null, timer.instant());
        store.write(tx -> tx.put(Kind.METRIC_ALARM, new MetricAlarm(ARN, "cpu-high", definition,
                AlarmStatus.initial(tx.now()), List.of())));
    }

    private void consume() {
        store.write(tx -> {
            invocations().forEach(invocation -> tx.delete(Kind.ALARM_ACTION_INVOCATION, invocation.key()));
            return null;
        });
    }

    private MetricAlarm alarm() {
        return store.snapshot().find(Kind.METRIC_ALARM, ARN).orElseThrow();
    }

    private List<AlarmHistoryItem> history() {
        return store.snapshot().indexed(Kind.ALARM_HISTORY, ARN).toList();
    }

    private List<AlarmActionInvocation> invocations() {
        return store.snapshot().indexed(Kind.ALARM_ACTION_INVOCATION, POLICY).toList();
    }

    private static Instant at(int minute, int second) {
        return VirtualTimer.START.plusSeconds(minute * 60L + second);
    }

    /** A backend in memory that survives a restart and fails its commits when told, as a kill -9 would lose them. */
    private static final class FailingBackend implements StoreBackend {
        private final MemoryBackend rows = new MemoryBackend();
        volatile boolean failing;

        @Override
        public List<Row> loadAll() {
            return rows.loadAll();
        }

        @Override
        public void commit(List<Row> changes) {
            if (failing) {
                throw new IllegalStateException("killed");
            }
            rows.commit(changes);
        }

        @Override
        public void close() {
        }
    }
}

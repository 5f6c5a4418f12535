package dev.ecsd.control.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmEvaluatorTest {
    private static final Instant FIRST = Instant.parse("2026-12-03T09:57:00Z");
    private static final Instant QUERY = Instant.parse("2026-12-03T10:02:30Z");

    /**
     * CloudWatch's documented table for EvaluationPeriods 3 and DatapointsToAlarm 3, over an evaluation range of 5
     * periods, oldest first: 0 does not breach, X breaches, - is missing. RETAIN is "retain current state"; the
     * current state here is OK, then ALARM, to show that it is retained whatever it is.
     */
    @ParameterizedTest(name = "3 of 3, {0}, treat missing data {1}: {2}")
    @CsvSource({
            "0 - X - X, missing, OK", "0 - X - X, ignore, OK", "0 - X - X, breaching, OK", "0 - X - X, notBreaching, OK",
            "- - - - 0, missing, OK", "- - - - 0, ignore, OK", "- - - - 0, breaching, OK", "- - - - 0, notBreaching, OK",
            "- - - - -, missing, INSUFFICIENT_DATA", "- - - - -, ignore, RETAIN", "- - - - -, breaching, ALARM",
            "- - - - -, notBreaching, OK",
            "0 X X - X, missing, ALARM", "0 X X - X, ignore, ALARM", "0 X X - X, breaching, ALARM",
            "0 X X - X, notBreaching, ALARM",
            "- - X - -, missing, ALARM", "- - X - -, ignore, RETAIN", "- - X - -, breaching, ALARM",
            "- - X - -, notBreaching, OK"})
    void threeOfThree(String datapoints, String treatMissingData, String expected) {
        assertTable(datapoints, 3, 3, treatMissingData, expected);
    }

    /**
     * Hand-worked M of N (2 of 3): with at least 3 datapoints in the range the newest 3 decide, whatever the
     * treatment; with fewer, the treatment fills the rest (breaching, notBreaching) or the real ones decide
     * (missing), the premature-transition guard aside.
     */
    @ParameterizedTest(name = "2 of 3, {0}, treat missing data {1}: {2}")
    @CsvSource({
            "0 - X - X, missing, ALARM", "0 - X - X, notBreaching, ALARM",
            "0 0 X 0 X, missing, ALARM", "0 0 X 0 X, breaching, ALARM",
            "X X 0 0 X, missing, OK", "X X 0 0 X, breaching, OK",
            "- - 0 - X, breaching, ALARM", "- - 0 - X, notBreaching, OK", "- - 0 - X, missing, OK",
            "- - 0 - X, ignore, OK",
            "- - - - X, breaching, ALARM", "- - - - X, notBreaching, OK", "- - - - X, missing, RETAIN",
            "- - - X -, missing, ALARM", "- - - X -, ignore, RETAIN", "- - - X -, notBreaching, OK",
            "- - - 0 -, missing, OK", "- - - 0 -, breaching, ALARM", "- - - 0 -, ignore, OK"})
    void twoOfThree(String datapoints, String treatMissingData, String expected) {
        assertTable(datapoints, 2, 3, treatMissingData, expected);
    }

    /**
     * 1 of 1 (the common alarm), 3 of 5 over a range of 7, and a target tracking high alarm (3 of 3) whose service's
     * tasks stopped two periods ago: the breaching datapoints left are too few to alarm and nothing says OK, so it
     * stays as it is (it went OK with the reason "0 out of the last 2 datapoints [] were not greater…").
     */
    @ParameterizedTest(name = "{1} of {2}, {0}, treat missing data {3}: {4}")
    @CsvSource({
            "- - X, 1, 1, missing, ALARM", "- X -, 1, 1, missing, ALARM", "X 0 -, 1, 1, missing, OK",
            "- - -, 1, 1, missing, INSUFFICIENT_DATA", "- - -, 1, 1, breaching, ALARM", "- - -, 1, 1, ignore, RETAIN",
            "X X X 0 0 0 X, 3, 5, missing, OK", "X 0 X 0 X X 0, 3, 5, missing, ALARM",
            "- - - X X - -, 3, 5, missing, ALARM", "- - - X X - -, 3, 5, breaching, ALARM",
            "- - - - - X X, 3, 5, missing, RETAIN", "- - - - - X X, 3, 5, ignore, RETAIN",
            "- - - - - X X, 3, 5, breaching, ALARM",
            "- - X - - X -, 3, 5, missing, ALARM", "- - X - - X -, 3, 5, ignore, RETAIN",
            "X X - - -, 3, 3, missing, RETAIN", "X X - - -, 3, 3, ignore, RETAIN",
            "X X - - -, 3, 3, notBreaching, OK", "X X - - -, 3, 3, breaching, ALARM"})
    void otherShapes(String datapoints, int m, int n, String treatMissingData, String expected) {
        assertTable(datapoints, m, n, treatMissingData, expected);
    }

    @Test
    void alarmReasonListsTheDatapointsNewestFirstInCloudWatchsWords() {
        AlarmEvaluation evaluation = evaluate(definition(3, 3, "missing", "GreaterThanThreshold"), AlarmState.OK,
                List.of(50.0, 60.0, 90.2, 84.0, 85.1));
        assertThat(evaluation.state()).isEqualTo(AlarmState.ALARM);
        assertThat(evaluation.reason()).isEqualTo("Threshold Crossed: 3 datapoints [85.1 (03/12/26 10:01:00), "
                + "84.0 (03/12/26 10:00:00), 90.2 (03/12/26 09:59:00)] were greater than the threshold (70.0).");
        assertThat(evaluation.reasonData()).isEqualTo("{\"version\":\"1.0\",\"queryDate\":\"2026-12-03T10:02:30.000+0000\","
                + "\"startDate\":\"2026-12-03T09:59:00.000+0000\",\"statistic\":\"Average\",\"period\":60,"
                + "\"recentDatapoints\":[90.2,84.0,85.1],\"threshold\":70.0,\"evaluatedDatapoints\":["
                + "{\"timestamp\":\"2026-12-03T10:01:00.000+0000\",\"sampleCount\":5.0,\"value\":85.1},"
                + "{\"timestamp\":\"2026-12-03T10:00:00.000+0000\",\"sampleCount\":5.0,\"value\":84.0},"
                + "{\"timestamp\":\"2026-12-03T09:59:00.000+0000\",\"sampleCount\":5.0,\"value\":90.2}]}");
        assertThat(evaluation.newestValue()).isEqualTo(85.1);
    }

    @Test
    void okReasonSaysNotAndOneDatapointWas() {
        AlarmEvaluation evaluation = evaluate(definition(1, 1, "missing", "GreaterThanThreshold"), AlarmState.ALARM,
                List.of(90.0, 90.0, 90.0, 90.0, 42.0));
        assertThat(evaluation.state()).isEqualTo(AlarmState.OK);
        assertThat(evaluation.reason()).isEqualTo(
                "Threshold Crossed: 1 datapoint [42.0 (03/12/26 10:01:00)] was not greater than the threshold (70.0).");
    }

    @Test
    void mOfNReasonsNameTheMinimumForTheTransition() {
        AlarmDefinition twoOfThree = definition(2, 3, "missing", "GreaterThanOrEqualToThreshold");
        AlarmEvaluation alarm = evaluate(twoOfThree, AlarmState.OK, List.of(50.0, 50.0, 70.0, 10.0, 80.0));
        assertThat(alarm.reason()).isEqualTo("Threshold Crossed: 2 out of the last 3 datapoints [80.0 (03/12/26 "
                + "10:01:00), 70.0 (03/12/26 09:59:00)] were greater than or equal to the threshold (70.0) "
                + "(minimum 2 datapoints for OK -> ALARM transition).");
        AlarmEvaluation ok = evaluate(twoOfThree, AlarmState.ALARM, List.of(50.0, 50.0, 70.0, 10.0, 20.0));
        assertThat(ok.reason()).isEqualTo("Threshold Crossed: 2 out of the last 3 datapoints [20.0 (03/12/26 "
                + "10:01:00), 10.0 (03/12/26 10:00:00)] were not greater than or equal to the threshold (70.0) "
                + "(minimum 2 datapoints for ALARM -> OK transition).");
    }

    @Test
    void missingDataReasons() {
        List<Double> none = new ArrayList<>(List.of());
        for (int i = 0; i < 5; i++) {
            none.add(null);
        }
        assertThat(evaluate(definition(3, 3, "missing", "LessThanThreshold"), AlarmState.OK, none).reason())
                .isEqualTo("Insufficient Data: 3 datapoints were unknown.");
        assertThat(evaluate(definition(3, 3, "breaching", "LessThanThreshold"), AlarmState.OK, none).reason())
                .isEqualTo("Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints "
                        + "were treated as [Breaching].");
        assertThat(evaluate(definition(1, 1, "notBreaching", "LessThanThreshold"), AlarmState.ALARM, none).reason())
                .isEqualTo("Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint "
                        + "was treated as [NonBreaching].");
    }

    @Test
    void aPercentileOverTooFewSamplesIsIgnoredWhenTheAlarmSaysSo() {
        AlarmDefinition p90 = new AlarmDefinition(null, true, List.of(), List.of(), List.of(),
                MetricKey.of("AWS/ECS", "CPUUtilization", Map.of()), null, "p90", 60, null, 1, 1, 70.0,
                "GreaterThanThreshold", null, "ignore", Instant.EPOCH);
        Instant start = FIRST.plusSeconds(240);
        AlarmEvaluation few = AlarmEvaluator.evaluate(p90, AlarmState.OK, QUERY, List.of(start),
                Map.of(start, new Datapoint(start, 9, 95.0)));
        assertThat(few.retained()).isTrue();
        AlarmEvaluation enough = AlarmEvaluator.evaluate(p90, AlarmState.OK, QUERY, List.of(start),
                Map.of(start, new Datapoint(start, 10, 95.0)));
        assertThat(enough.state()).isEqualTo(AlarmState.ALARM);
        assertThat(enough.reasonData()).contains("\"extendedStatistic\":\"p90\"");
        AlarmDefinition evaluate = new AlarmDefinition(null, true, List.of(), List.of(), List.of(), p90.metric(), null,
                "p90", 60, null, 1, 1, 70.0, "GreaterThanThreshold", null, "evaluate", Instant.EPOCH);
        assertThat(AlarmEvaluator.evaluate(evaluate, AlarmState.OK, QUERY, List.of(start),
                Map.of(start, new Datapoint(start, 9, 95.0))).state()).isEqualTo(AlarmState.ALARM);
    }

    @Test
    void percentilesAreNearestRank() {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(AlarmStatistic.percentile(values, 90)).isEqualTo(9);
        assertThat(AlarmStatistic.percentile(values, 99)).isEqualTo(10);
        assertThat(AlarmStatistic.percentile(values, 50)).isEqualTo(5);
        assertThat(AlarmStatistic.percentile(values, 0)).isEqualTo(1);
        assertThat(AlarmStatistic.percentileOf("p99.9")).isEqualTo(99.9);
        assertThat(AlarmStatistic.percentileOf("tm99")).isNegative();
    }

    @Test
    void everyComparisonOperator() {
        assertThat(Comparison.of("GreaterThanThreshold").breaches(70, 70)).isFalse();
        assertThat(Comparison.of("GreaterThanOrEqualToThreshold").breaches(70, 70)).isTrue();
        assertThat(Comparison.of("LessThanThreshold").breaches(70, 70)).isFalse();
        assertThat(Comparison.of("LessThanThreshold").breaches(69.9, 70)).isTrue();
        assertThat(Comparison.of("LessThanOrEqualToThreshold").breaches(70, 70)).isTrue();
        assertThat(Comparison.isStatic("LessThanLowerOrGreaterThanUpperThreshold")).isFalse();
    }

    private static void assertTable(String datapoints, int m, int n, String treatMissingData, String expected) {
        List<Double> values = new ArrayList<>();
        for (String slot : datapoints.split(" ")) {
            values.add(switch (slot) {
                case "X" -> 90.0;
                case "0" -> 50.0;
                default -> null;
            });
        }
        AlarmDefinition definition = definition(m, n, treatMissingData, "GreaterThanThreshold");
        for (AlarmState current : List.of(AlarmState.OK, AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA)) {
            AlarmEvaluation evaluation = evaluate(definition, current, values);
            if (expected.equals("RETAIN")) {
                assertThat(evaluation.retained()).as("retained from %s", current).isTrue();
                assertThat(evaluation.state()).isEqualTo(current);
            } else {
                assertThat(evaluation.retained()).as("decided from %s", current).isFalse();
                assertThat(evaluation.state()).as("from %s", current).isEqualTo(AlarmState.valueOf(expected));
                assertThat(evaluation.reason()).isNotBlank();
            }
        }
    }

    private static AlarmEvaluation evaluate(AlarmDefinition definition, AlarmState current, List<Double> values) {
        List<Instant> starts = new ArrayList<>();
        Map<Instant, Datapoint> data = new HashMap<>();
        Instant first = values.size() == 5 ? FIRST : FIRST.plusSeconds(60L * (5 - values.size()));
        for (int i = 0; i < values.size(); i++) {
            Instant start = first.plusSeconds(60L * i);
            starts.add(start);
            if (values.get(i) != null) {
                data.put(start, new Datapoint(start, 5, values.get(i)));
            }
        }
        return AlarmEvaluator.evaluate(definition, current, QUERY, starts, data);
    }

    static AlarmDefinition definition(int m, int n, String treatMissingData, String operator) {
        return new AlarmDefinition(null, true, List.of(), List.of(), List.of(),
                MetricKey.of("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "c")), "Average", null, 60, null, n, m,
                70.0, operator, treatMissingData, null, Instant.EPOCH);
    }
}

package dev.ecsd.control.alarm;

import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch's evaluation of a metric alarm, as a pure function: from the alarm's definition, its current state and
 * the datapoints of its evaluation range, the state it should be in and why, in CloudWatch's words.
 *
 * <p>As CloudWatch documents it: the evaluation range holds a few more periods than EvaluationPeriods (N). When at
 * least N of them have data, the N most recent datapoints decide and missing ones do not matter. Otherwise every
 * real datapoint counts, and TreatMissingData decides the rest: {@code breaching} and {@code notBreaching} fill the
 * N − real missing ones so; {@code missing} and {@code ignore} count only the real ones, with CloudWatch's guard
 * against premature transitions — when the oldest breaching datapoint of the last N periods is at least M
 * (DatapointsToAlarm) periods old and every more recent period is breaching or missing, {@code missing} goes to
 * ALARM (and {@code ignore} keeps its state) even though fewer than M datapoints breach. When fewer than M real
 * datapoints breach and none does not, both keep the state: nothing decides OK. With no datapoint at all,
 * {@code missing} goes to INSUFFICIENT_DATA and {@code ignore} keeps its state.
 */
public final class AlarmEvaluator {
    /** How many periods beyond EvaluationPeriods the range holds (CloudWatch's documented example: 5 for 3). */
    public static final int EXTRA_PERIODS = 2;

    private AlarmEvaluator() {
    }

    /** How many periods an alarm's evaluation range holds. */
    public static int rangePeriods(AlarmDefinition definition) {
        return definition.evaluationPeriods() + EXTRA_PERIODS;
    }

    /**
     * Evaluates an alarm at {@code queryDate}.
     *
     * @param periodStarts the starts of the periods of the evaluation range, oldest first
     * @param data         the datapoint of each period that has one, by period start
     */
    public static AlarmEvaluation evaluate(AlarmDefinition definition, AlarmState current, Instant queryDate,
            List<Instant> periodStarts, Map<Instant, Datapoint> data) {
        Comparison comparison = Comparison.of(definition.comparisonOperator());
        int n = definition.evaluationPeriods();
        int m = definition.datapointsToAlarm();
        double threshold = definition.threshold();
        List<Datapoint> real = new ArrayList<>(); // newest first
        for (int i = periodStarts.size() - 1; i >= 0; i--) {
            Datapoint datapoint = data.get(periodStarts.get(i));
            if (datapoint != null) {
                real.add(datapoint);
            }
        }
        Datapoint newestPeriod = periodStarts.isEmpty() ? null : data.get(periodStarts.getLast());
        Double newestValue = newestPeriod == null ? null : newestPeriod.value();
        StateReasons reasons = new StateReasons(definition, comparison, queryDate);
        if (tooFewSamples(definition, real)) {
            return AlarmEvaluation.retain(current, newestValue);
        }
        if (real.size() >= n) {
            List<Datapoint> evaluated = real.subList(0, n);
            List<Datapoint> breaching = evaluated.stream().filter(d -> comparison.breaches(d.value(), threshold))
                    .toList();
            return decided(breaching.size() >= m, current, reasons, evaluated, breaching, 0, null, newestValue);
        }
        List<Datapoint> breaching = real.stream().filter(d -> comparison.breaches(d.value(), threshold)).toList();
        int missing = n - real.size();
        String treatMissingData = definition.treatMissingData() == null ? "missing" : definition.treatMissingData();
        switch (treatMissingData) {
            case "breaching" -> {
                if (real.isEmpty()) {
                    return new AlarmEvaluation(AlarmState.ALARM, reasons.allMissingTreatedAs(n, "Breaching"),
                            reasons.data(List.of(), periodStarts, n), false, null);
                }
                return decided(breaching.size() + missing >= m, current, reasons, real, breaching, missing,
                        "Breaching", newestValue);
            }
            case "notBreaching" -> {
                if (real.isEmpty()) {
                    return new AlarmEvaluation(AlarmState.OK, reasons.allMissingTreatedAs(n, "NonBreaching"),
                            reasons.data(List.of(), periodStarts, n), false, null);
                }
                return decided(breaching.size() >= m, current, reasons, real, breaching, missing, "NonBreaching",
                        newestValue);
            }
            default -> {
                boolean ignore = "ignore".equals(treatMissingData);
                if (real.isEmpty()) {
                    return ignore ? AlarmEvaluation.retain(current, null)
                            : new AlarmEvaluation(AlarmState.INSUFFICIENT_DATA, reasons.unknown(n),
                                    reasons.data(List.of(), periodStarts, n), false, null);
                }
                if (breaching.size() < m && premature(periodStarts, data, n, m, comparison, threshold)) {
                    return ignore ? AlarmEvaluation.retain(current, newestValue)
                            : decided(true, current, reasons, real, breaching, 0, null, newestValue);
                }
                if (breaching.size() < m && breaching.size() == real.size()) {
                    // Too few datapoints to alarm, and none that does not breach: nothing says OK either (OK's reason
                    // would list no datapoint). As when a service's tasks stop under a target tracking high alarm,
                    // the alarm stays as it is until the data decides or runs out (INSUFFICIENT_DATA).
                    return AlarmEvaluation.retain(current, newestValue);
                }
                return decided(breaching.size() >= m, current, reasons, real, breaching, 0, null, newestValue);
            }
        }
    }

    /**
     * EvaluateLowSampleCountPercentile {@code ignore}: a percentile over too few samples to mean anything (fewer than
     * 1 / (1 − p) — 100 for p99, 10 for p90) leaves the alarm as it is.
     */
    static boolean tooFewSamples(AlarmDefinition definition, List<Datapoint> newestFirst) {
        if (definition.extendedStatistic() == null || !"ignore".equals(definition.evaluateLowSampleCountPercentile())
                || newestFirst.isEmpty()) {
            return false;
        }
        double percent = AlarmStatistic.percentileOf(definition.extendedStatistic());
        // 100 / (100 − 90) is 10; the rounding keeps 1 / (1 − 0.9) = 10.000000000000002 from asking for 11.
        double minimum = percent >= 100 ? Double.POSITIVE_INFINITY : Math.ceil(100 / (100 - percent) - 1e-9);
        return newestFirst.stream().limit(definition.evaluationPeriods()).anyMatch(d -> d.sampleCount() < minimum);
    }

    /**
     * CloudWatch's guard against a premature transition: in the last N periods, the oldest breaching datapoint is at
     * least M periods old and nothing more recent is a datapoint that does not breach.
     */
    static boolean premature(List<Instant> periodStarts, Map<Instant, Datapoint> data, int n, int m,
            Comparison comparison, double threshold) {
        int size = periodStarts.size();
        int oldestBreachingAge = 0;
        for (int age = 1; age <= Math.min(n, size); age++) {
            Datapoint datapoint = data.get(periodStarts.get(size - age));
            if (datapoint == null) {
                continue;
            }
            if (!comparison.breaches(datapoint.value(), threshold)) {
                return false;
            }
            oldestBreachingAge = age;
        }
        return oldestBreachingAge >= m && m > 1;
    }

    private static AlarmEvaluation decided(boolean alarm, AlarmState current, StateReasons reasons,
            List<Datapoint> evaluated, List<Datapoint> breaching, int filled, String filledAs, Double newestValue) {
        AlarmState state = alarm ? AlarmState.ALARM : AlarmState.OK;
        String reason = alarm ? reasons.crossed(current, state, evaluated, breaching, filled, filledAs)
                : reasons.crossed(current, state, evaluated,
                        evaluated.stream().filter(d -> !breaching.contains(d)).toList(), filled, filledAs);
        return new AlarmEvaluation(state, reason, reasons.data(evaluated, null, evaluated.size() + filled), false,
                newestValue);
    }
}

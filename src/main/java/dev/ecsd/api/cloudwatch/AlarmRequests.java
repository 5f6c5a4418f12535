package dev.ecsd.api.cloudwatch;

import dev.ecsd.control.alarm.AlarmStatistic;
import dev.ecsd.control.alarm.Comparison;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Tag;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** CloudWatch's checks of alarm requests, and the alarm definition a valid PutMetricAlarm describes. */
final class AlarmRequests {
    static final Set<String> TREAT_MISSING_DATA = Set.of("breaching", "notBreaching", "ignore", "missing");
    private static final int MAX_ACTIONS = 5;
    private static final int MAX_DIMENSIONS = 30;
    static final int MAX_TAGS = 50;

    private AlarmRequests() {
    }

    static ApiException invalid(String message) {
        return ErrorType.INVALID_PARAMETER_VALUE.exception(message);
    }

    static ApiException missing(String parameter) {
        return ErrorType.MISSING_REQUIRED_PARAMETER.exception("The parameter " + parameter + " is required.");
    }

    static String alarmName(String name, String parameter) {
        if (name == null) {
            throw missing(parameter);
        }
        if (name.isEmpty() || name.length() > 255) {
            throw invalid("The parameter " + parameter + " must be between 1 and 255 characters long.");
        }
        return name;
    }

    static void names(List<String> names, String parameter, int max) {
        if (names.size() > max) {
            throw invalid("The collection " + parameter + " must not have a size greater than " + max + ".");
        }
        names.forEach(name -> alarmName(name, parameter + " member"));
    }

    /** The definition of a valid PutMetricAlarm request, updated at {@code now}. */
    static AlarmDefinition definition(PutMetricAlarmRequest request, Instant now) {
        alarmName(request.alarmName(), "AlarmName");
        if (request.hasMetrics() && !request.metrics().isEmpty() || request.thresholdMetricId() != null) {
            throw invalid("ecsd evaluates alarms on one metric (MetricName, Namespace, Statistic, Period); metric "
                    + "math and anomaly detection alarms (Metrics, ThresholdMetricId) are not supported.");
        }
        if (request.evaluationCriteria() != null || request.evaluationInterval() != null) {
            throw invalid("ecsd does not support EvaluationCriteria or EvaluationInterval (Metrics Insights alarms).");
        }
        String metricName = required(request.metricName(), "MetricName");
        String namespace = required(request.namespace(), "Namespace");
        if (metricName.isEmpty() || metricName.length() > 255) {
            throw invalid("The parameter MetricName must be between 1 and 255 characters long.");
        }
        if (namespace.isEmpty() || namespace.length() > 255) {
            throw invalid("The parameter Namespace must be between 1 and 255 characters long.");
        }
        String statistic = statistic(request.statisticAsString(), request.extendedStatistic());
        Integer period = required(request.period(), "Period");
        if (!(period == 10 || period == 20 || period == 30 || period > 0 && period % 60 == 0)) {
            throw invalid("The parameter Period must be 10, 20, 30 or a multiple of 60.");
        }
        Integer evaluationPeriods = required(request.evaluationPeriods(), "EvaluationPeriods");
        if (evaluationPeriods < 1) {
            throw invalid("The parameter EvaluationPeriods must be greater than or equal to 1.");
        }
        long span = (long) period * evaluationPeriods;
        if (period < 3600 && span > 86_400) {
            throw invalid("Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be "
                    + "<= 86400).");
        }
        if (span > 604_800) {
            throw invalid("Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be "
                    + "<= 604800).");
        }
        int datapointsToAlarm = request.datapointsToAlarm() == null ? evaluationPeriods : request.datapointsToAlarm();
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw invalid("DatapointsToAlarm must be at least 1 and at most EvaluationPeriods (" + evaluationPeriods
                    + ").");
        }
        String operator = required(request.comparisonOperatorAsString(), "ComparisonOperator");
        if (!Comparison.isStatic(operator)) {
            if (operator.startsWith("LessThanLowerOrGreaterThanUpper") || operator.equals("LessThanLowerThreshold")
                    || operator.equals("GreaterThanUpperThreshold")) {
                throw invalid("Anomaly detection alarms (ComparisonOperator " + operator + ") are not supported "
                        + "by ecsd.");
            }
            throw invalid("Invalid value '" + operator + "' for ComparisonOperator: one of GreaterThanOrEqualTo"
                    + "Threshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold.");
        }
        Double threshold = required(request.threshold(), "Threshold");
        String treatMissingData = request.treatMissingData();
        if (treatMissingData != null && !TREAT_MISSING_DATA.contains(treatMissingData)) {
            throw invalid("Invalid value '" + treatMissingData + "' for TreatMissingData: one of breaching, "
                    + "notBreaching, ignore, missing.");
        }
        String lowSampleCount = request.evaluateLowSampleCountPercentile();
        if (lowSampleCount != null && !lowSampleCount.equals("evaluate") && !lowSampleCount.equals("ignore")) {
            throw invalid("Invalid value '" + lowSampleCount + "' for EvaluateLowSampleCountPercentile: evaluate or "
                    + "ignore.");
        }
        String unit = request.unitAsString();
        if (unit != null && StandardUnit.fromValue(unit) == StandardUnit.UNKNOWN_TO_SDK_VERSION) {
            throw invalid("Invalid value '" + unit + "' for Unit.");
        }
        if (request.alarmDescription() != null && request.alarmDescription().length() > 1024) {
            throw invalid("The parameter AlarmDescription must be at most 1024 characters long.");
        }
        List<String> ok = actions(request.okActions(), "OKActions");
        List<String> alarm = actions(request.alarmActions(), "AlarmActions");
        List<String> insufficient = actions(request.insufficientDataActions(), "InsufficientDataActions");
        return new AlarmDefinition(request.alarmDescription(),
                request.actionsEnabled() == null || request.actionsEnabled(), ok, alarm, insufficient,
                MetricKey.of(namespace, metricName, dimensions(request.dimensions())),
                statistic.startsWith("p") ? null : statistic, statistic.startsWith("p") ? statistic : null,
                period, unit, evaluationPeriods, datapointsToAlarm, threshold, operator, treatMissingData,
                lowSampleCount, now);
    }

    /** The statistic or extended statistic: exactly one of them. */
    static String statistic(String statistic, String extendedStatistic) {
        if ((statistic == null) == (extendedStatistic == null)) {
            throw ErrorType.INVALID_PARAMETER_COMBINATION.exception(
                    "Exactly one of the parameters Statistic or ExtendedStatistic must be specified.");
        }
        if (statistic != null) {
            if (Statistic.fromValue(statistic) == Statistic.UNKNOWN_TO_SDK_VERSION) {
                throw invalid("Invalid value '" + statistic + "' for Statistic: one of SampleCount, Average, Sum, "
                        + "Minimum, Maximum.");
            }
            return statistic;
        }
        if (AlarmStatistic.percentileOf(extendedStatistic) < 0) {
            throw invalid("Invalid value '" + extendedStatistic + "' for ExtendedStatistic: ecsd evaluates "
                    + "percentiles p0.0 to p100 (trimmed means and other extended statistics are not supported).");
        }
        return extendedStatistic;
    }

    static Map<String, String> dimensions(List<Dimension> dimensions) {
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw invalid("The collection Dimensions must not have a size greater than " + MAX_DIMENSIONS + ".");
        }
        Set<String> names = new HashSet<>();
        for (Dimension dimension : dimensions) {
            if (dimension.name() == null || dimension.name().isEmpty() || dimension.name().length() > 255) {
                throw invalid("A dimension's Name must be between 1 and 255 characters long.");
            }
            if (dimension.value() == null || dimension.value().isEmpty() || dimension.value().length() > 1024) {
                throw invalid("The value of dimension " + dimension.name() + " must be between 1 and 1024 "
                        + "characters long.");
            }
            if (!names.add(dimension.name())) {
                throw invalid("No metric may have duplicate dimensions: " + dimension.name() + ".");
            }
        }
        return AlarmMapper.dimensions(dimensions);
    }

    static List<Tag> tags(List<software.amazon.awssdk.services.cloudwatch.model.Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw invalid("The collection Tags must not have a size greater than " + MAX_TAGS + ".");
        }
        for (software.amazon.awssdk.services.cloudwatch.model.Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw invalid("A tag's Key must be between 1 and 128 characters long.");
            }
            if (tag.value() == null || tag.value().length() > 256) {
                throw invalid("A tag's Value must be between 0 and 256 characters long.");
            }
        }
        return tags.stream().map(t -> new Tag(t.key(), t.value())).toList();
    }

    private static List<String> actions(List<String> actions, String parameter) {
        if (actions.size() > MAX_ACTIONS) {
            throw invalid("The collection " + parameter + " must not have a size greater than " + MAX_ACTIONS + ".");
        }
        for (String action : actions) {
            if (action == null || !action.startsWith("arn:") || action.length() > 1024) {
                throw invalid("Invalid arn syntax: " + action);
            }
        }
        return actions;
    }

    private static <T> T required(T value, String parameter) {
        if (value == null) {
            throw missing(parameter);
        }
        return value;
    }
}

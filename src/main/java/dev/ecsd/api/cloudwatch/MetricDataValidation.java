package dev.ecsd.api.cloudwatch;

import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * PutMetricData's rules, as CloudWatch applies them, and its request turned into the store's data. Values with
 * counts become one datum per distinct value (a statistic set whose minimum equals its maximum), so a count of a
 * million costs no more than a count of one and percentiles still see every value.
 */
final class MetricDataValidation {
    static final int MAX_METRIC_DATA = 1_000;
    static final int MAX_VALUES = 150;
    static final int MAX_DIMENSIONS = 30;
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    /** CloudWatch refuses magnitudes outside this range (other than zero): 2^-360 to 2^360, in its own rounding. */
    static final double SMALLEST = 8.515920e-109;
    static final double LARGEST = 1.174271e+108;
    static final Set<String> UNITS = StandardUnit.knownValues().stream().map(StandardUnit::toString)
            .collect(Collectors.toUnmodifiableSet());

    private MetricDataValidation() {
    }

    static List<MetricDatum> data(PutMetricDataRequest request, Instant now) {
        String namespace = request.namespace();
        CloudWatchErrors.require(namespace, "Namespace");
        checkNamespace(namespace, "Namespace");
        if (namespace.startsWith("AWS/")) {
            throw CloudWatchErrors.invalid("The value " + namespace + " for parameter Namespace is invalid. "
                    + "Namespaces starting with \"AWS/\" are reserved for use by Amazon Web Services products.");
        }
        if (!request.hasMetricData() || request.metricData().isEmpty()) {
            throw CloudWatchErrors.missing("MetricData");
        }
        if (request.metricData().size() > MAX_METRIC_DATA) {
            throw CloudWatchErrors.tooMany("MetricData", MAX_METRIC_DATA);
        }
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < request.metricData().size(); i++) {
            datum(namespace, request.metricData().get(i), "MetricData.member." + (i + 1), now, data);
        }
        return data;
    }

    private static void datum(String namespace, software.amazon.awssdk.services.cloudwatch.model.MetricDatum datum,
            String path, Instant now, List<MetricDatum> data) {
        CloudWatchErrors.require(datum.metricName(), path + ".MetricName");
        checkName(datum.metricName(), path + ".MetricName", 255);
        MetricKey key = MetricKey.of(namespace, datum.metricName(), dimensions(datum.dimensions(), path,
                datum.hasDimensions()));
        Instant timestamp = datum.timestamp() == null ? now : datum.timestamp();
        if (timestamp.isBefore(now.minus(MAX_AGE))) {
            throw CloudWatchErrors.invalid("The parameter " + path + ".Timestamp must specify a time no more than "
                    + "two weeks in the past.");
        }
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw CloudWatchErrors.invalid("The parameter " + path + ".Timestamp must specify a time no more than "
                    + "two hours in the future.");
        }
        int resolution = resolution(datum.storageResolution(), path);
        String unit = unit(datum.unitAsString(), path + ".Unit");
        boolean hasValue = datum.value() != null;
        boolean hasStatistics = datum.statisticValues() != null;
        boolean hasValues = datum.hasValues() && !datum.values().isEmpty();
        exclusive(hasValue, hasStatistics, path + ".Value", path + ".StatisticValues");
        exclusive(hasValue, hasValues, path + ".Value", path + ".Values");
        exclusive(hasStatistics, hasValues, path + ".StatisticValues", path + ".Values");
        if (datum.hasCounts() && !datum.counts().isEmpty() && !hasValues) {
            throw CloudWatchErrors.combination("The parameter " + path + ".Counts requires " + path + ".Values.");
        }
        if (hasValue) {
            double value = checkValue(datum.value(), path + ".Value");
            data.add(new MetricDatum(key, timestamp, unit, resolution, 1, value, value, value, List.of(value)));
        } else if (hasStatistics) {
            data.add(statisticSet(key, timestamp, unit, resolution, datum.statisticValues(),
                    path + ".StatisticValues"));
        } else if (hasValues) {
            values(key, timestamp, unit, resolution, datum, path, data);
        } else {
            throw CloudWatchErrors.missing(path + ".Value");
        }
    }

    private static void values(MetricKey key, Instant timestamp, String unit, int resolution,
            software.amazon.awssdk.services.cloudwatch.model.MetricDatum datum, String path, List<MetricDatum> data) {
        List<Double> values = datum.values();
        if (values.size() > MAX_VALUES) {
            throw CloudWatchErrors.tooMany(path + ".Values", MAX_VALUES);
        }
        boolean hasCounts = datum.hasCounts() && !datum.counts().isEmpty();
        if (hasCounts && datum.counts().size() != values.size()) {
            throw CloudWatchErrors.invalid("The parameters " + path + ".Values and " + path
                    + ".Counts must be of the same size.");
        }
        Map<Double, Double> counted = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            double value = checkValue(values.get(i), path + ".Values.member." + (i + 1));
            double count = 1;
            if (hasCounts) {
                Double given = datum.counts().get(i);
                if (given == null || !Double.isFinite(given) || given < 0) {
                    throw CloudWatchErrors.invalidValue(path + ".Counts.member." + (i + 1), given);
                }
                count = given;
            }
            counted.merge(value, count, Double::sum);
        }
        counted.forEach((value, count) -> {
            if (count > 0) {
                data.add(MetricDatum.statisticSet(key, timestamp, unit, resolution, count, value * count, value,
                        value));
            }
        });
    }

    private static MetricDatum statisticSet(MetricKey key, Instant timestamp, String unit, int resolution,
            StatisticSet set, String path) {
        CloudWatchErrors.require(set.sampleCount(), path + ".SampleCount");
        CloudWatchErrors.require(set.sum(), path + ".Sum");
        CloudWatchErrors.require(set.minimum(), path + ".Minimum");
        CloudWatchErrors.require(set.maximum(), path + ".Maximum");
        double sampleCount = checkValue(set.sampleCount(), path + ".SampleCount");
        double sum = checkValue(set.sum(), path + ".Sum");
        double minimum = checkValue(set.minimum(), path + ".Minimum");
        double maximum = checkValue(set.maximum(), path + ".Maximum");
        if (sampleCount <= 0) {
            throw CloudWatchErrors.invalidValue(path + ".SampleCount", set.sampleCount());
        }
        if (minimum > maximum) {
            throw CloudWatchErrors.invalid("The parameter " + path + ".Minimum must be less than or equal to the "
                    + "parameter " + path + ".Maximum.");
        }
        return MetricDatum.statisticSet(key, timestamp, unit, resolution, sampleCount, sum, minimum, maximum);
    }

    private static void exclusive(boolean one, boolean other, String oneName, String otherName) {
        if (one && other) {
            throw CloudWatchErrors.combination("The parameters " + oneName + " and " + otherName
                    + " are mutually exclusive and you have specified both.");
        }
    }

    static double checkValue(Double value, String parameter) {
        double magnitude = Math.abs(value);
        if (!Double.isFinite(value) || (magnitude != 0 && (magnitude < SMALLEST || magnitude > LARGEST))) {
            throw CloudWatchErrors.invalidValue(parameter, value);
        }
        return value;
    }

    static int resolution(Integer storageResolution, String path) {
        if (storageResolution == null) {
            return 60;
        }
        if (storageResolution != 1 && storageResolution != 60) {
            throw CloudWatchErrors.invalidValue(path + ".StorageResolution", storageResolution);
        }
        return storageResolution;
    }

    /** The unit, {@code None} when absent; one of CloudWatch's units or refused. */
    static String unit(String unit, String parameter) {
        if (unit == null) {
            return "None";
        }
        if (!UNITS.contains(unit)) {
            throw CloudWatchErrors.invalidValue(parameter, unit);
        }
        return unit;
    }

    static Map<String, String> dimensions(List<Dimension> dimensions, String path, boolean present) {
        if (!present || dimensions.isEmpty()) {
            return Map.of();
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw CloudWatchErrors.tooMany(prefix + "Dimensions", MAX_DIMENSIONS);
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String dimensionPath = prefix + "Dimensions.member." + (i + 1);
            Dimension dimension = dimensions.get(i);
            CloudWatchErrors.require(dimension.name(), dimensionPath + ".Name");
            CloudWatchErrors.require(dimension.value(), dimensionPath + ".Value");
            checkName(dimension.name(), dimensionPath + ".Name", 255);
            checkName(dimension.value(), dimensionPath + ".Value", 1024);
            if (byName.put(dimension.name(), dimension.value()) != null) {
                throw CloudWatchErrors.invalid("No metric may have duplicate dimension names: "
                        + dimension.name() + " is given twice in " + prefix + "Dimensions.");
            }
        }
        return byName;
    }

    static void checkNamespace(String namespace, String parameter) {
        checkName(namespace, parameter, 255);
        if (namespace.startsWith(":")) {
            throw CloudWatchErrors.invalidValue(parameter, namespace);
        }
    }

    private static void checkName(String name, String parameter, int maxLength) {
        if (name.isEmpty() || name.length() > maxLength || name.isBlank()) {
            throw CloudWatchErrors.invalid("The parameter " + parameter + " must be between 1 and " + maxLength
                    + " characters long and not blank.");
        }
    }
}

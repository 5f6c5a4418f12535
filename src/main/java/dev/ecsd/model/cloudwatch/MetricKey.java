package dev.ecsd.model.cloudwatch;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One CloudWatch metric: a namespace, a name and a set of dimensions. Dimensions are kept sorted by name, so two
 * keys naming the same dimensions in another order are equal, as CloudWatch treats them.
 */
public record MetricKey(String namespace, String metricName, Map<String, String> dimensions) {
    public MetricKey {
        dimensions = dimensions == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    public static MetricKey of(String namespace, String metricName, Map<String, String> dimensions) {
        return new MetricKey(namespace, metricName, dimensions);
    }
}

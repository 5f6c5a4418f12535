package dev.ecsd.model.autoscaling;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A target tracking policy's CustomizedMetricSpecification: the CloudWatch metric and statistic it tracks. */
public record CustomizedMetric(String namespace, String metricName, Map<String, String> dimensions,
        String statistic, String unit) {
    public CustomizedMetric {
        dimensions = dimensions == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }
}

package dev.ecsd.console;

import dev.ecsd.metrics.MetricStore;
import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The service page's graphs: the service's CPUUtilization and MemoryUtilization in AWS/ECS (dimensions ClusterName
 * and ServiceName, as ECS publishes them) over the last hour, the average of each minute, as the data the page's
 * script draws with uPlot.
 */
public final class ServiceCharts {
    static final String NAMESPACE = "AWS/ECS";
    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration PERIOD = Duration.ofMinutes(1);

    private ServiceCharts() {
    }

    /** One chart: its title, the JSON its element carries ({@code data-chart}) and how many points it has. */
    public record Chart(String title, String json, int points) {
    }

    /**
     * The data a chart element carries, in the shape console.js reads; {@code from} and {@code to} (epoch seconds) are
     * the window the x axis spans, the whole hour even where it has no data.
     */
    record ChartData(List<Long> timestamps, List<Series> series, double max, long from, long to) {
    }

    /** One line of a chart. */
    record Series(String label, List<Double> values) {
    }

    static List<Chart> of(MetricStore metrics, String clusterName, String serviceName, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(PERIOD);
        Instant start = end.minus(WINDOW);
        Map<String, String> dimensions = Map.of("ClusterName", clusterName, "ServiceName", serviceName);
        return List.of(
                chart("CPU utilization", "CPUUtilization", metrics.statistics(
                        MetricKey.of(NAMESPACE, "CPUUtilization", dimensions), start, end, PERIOD, null), start, end),
                chart("Memory utilization", "MemoryUtilization", metrics.statistics(
                        MetricKey.of(NAMESPACE, "MemoryUtilization", dimensions), start, end, PERIOD, null), start,
                        end));
    }

    /** A chart of one metric's per-minute averages (a percent: the scale goes to 100, or higher when a value does). */
    static Chart chart(String title, String metricName, List<PeriodStatistics> statistics, Instant from,
            Instant to) {
        List<Long> timestamps = statistics.stream().map(s -> s.start().getEpochSecond()).toList();
        List<Double> values = statistics.stream().map(s -> Math.round(s.average() * 100) / 100.0).toList();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String json = ModelJson.write(new ChartData(timestamps, List.of(new Series(metricName + " (average)", values)),
                Math.max(100, max), from.getEpochSecond(), to.getEpochSecond()));
        return new Chart(title, json, timestamps.size());
    }
}

package dev.ecsd.control.metrics;

import dev.ecsd.control.metrics.RequestCountSource.Reading;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The {@code AWS/ApplicationELB} data of one period, from the requests the built-in load balancer forwarded in it.
 * Pure. RequestCount and the HTTPCode_Target_nXX_Count counts per {LoadBalancer} and {LoadBalancer, TargetGroup},
 * HTTPCode_ELB_5XX_Count (502 and 504 answered for a failed target) per {LoadBalancer}, RequestCountPerTarget per
 * {TargetGroup} and {LoadBalancer, TargetGroup}: the group's requests divided by its healthy targets (all its
 * targets when none is healthy). Like ALB, a count that is zero in the period has no data point.
 */
public final class AlbMetrics {
    public static final String NAMESPACE = "AWS/ApplicationELB";
    public static final String LOAD_BALANCER = "LoadBalancer";
    public static final String TARGET_GROUP = "TargetGroup";

    private AlbMetrics() {
    }

    /** Targets of a group: how many are registered and how many of them are healthy. */
    public record GroupTargets(int registered, int healthy) {
    }

    /**
     * @param counts  each load balancer's and target group's requests in the period
     * @param targets each target group's targets now, by ARN
     */
    public static List<MetricDatum> compute(List<Reading> counts, Map<String, GroupTargets> targets,
            Instant periodStart, int storageResolutionSeconds) {
        List<MetricDatum> data = new ArrayList<>();
        Map<String, List<Reading>> byLoadBalancer = new LinkedHashMap<>();
        counts.forEach(c -> byLoadBalancer.computeIfAbsent(c.loadBalancerArn(), arn -> new ArrayList<>()).add(c));
        Map<String, ToLongFunction<Reading>> perTargetGroup = new LinkedHashMap<>();
        perTargetGroup.put("RequestCount", Reading::requests);
        perTargetGroup.put("HTTPCode_Target_2XX_Count", Reading::target2xx);
        perTargetGroup.put("HTTPCode_Target_3XX_Count", Reading::target3xx);
        perTargetGroup.put("HTTPCode_Target_4XX_Count", Reading::target4xx);
        perTargetGroup.put("HTTPCode_Target_5XX_Count", Reading::target5xx);
        byLoadBalancer.forEach((loadBalancerArn, readings) -> {
            Map<String, String> loadBalancer = Map.of(LOAD_BALANCER, loadBalancerDimension(loadBalancerArn));
            perTargetGroup.forEach((name, value) -> count(data, name, loadBalancer,
                    readings.stream().mapToLong(value).sum(), periodStart, storageResolutionSeconds));
            count(data, "HTTPCode_ELB_5XX_Count", loadBalancer, readings.stream().mapToLong(Reading::elb5xx).sum(),
                    periodStart, storageResolutionSeconds);
            for (Reading reading : readings) {
                Map<String, String> both = Map.of(LOAD_BALANCER, loadBalancerDimension(loadBalancerArn),
                        TARGET_GROUP, targetGroupDimension(reading.targetGroupArn()));
                perTargetGroup.forEach((name, value) -> count(data, name, both, value.applyAsLong(reading),
                        periodStart, storageResolutionSeconds));
            }
        });
        Map<String, Long> requestsByGroup = new LinkedHashMap<>();
        counts.forEach(c -> requestsByGroup.merge(c.targetGroupArn(), c.requests(), Long::sum));
        requestsByGroup.forEach((groupArn, requests) -> {
            GroupTargets group = targets.get(groupArn);
            int divisor = group == null ? 0 : group.healthy() > 0 ? group.healthy() : group.registered();
            if (requests <= 0 || divisor == 0) {
                return;
            }
            double perTarget = (double) requests / divisor;
            data.add(datum(MetricKey.of(NAMESPACE, "RequestCountPerTarget",
                    Map.of(TARGET_GROUP, targetGroupDimension(groupArn))), perTarget, periodStart,
                    storageResolutionSeconds));
            counts.stream().filter(c -> c.targetGroupArn().equals(groupArn) && c.requests() > 0)
                    .map(Reading::loadBalancerArn).distinct()
                    .forEach(loadBalancerArn -> data.add(datum(MetricKey.of(NAMESPACE, "RequestCountPerTarget",
                            Map.of(TARGET_GROUP, targetGroupDimension(groupArn),
                                    LOAD_BALANCER, loadBalancerDimension(loadBalancerArn))),
                            (double) counts.stream().filter(c -> c.targetGroupArn().equals(groupArn)
                                    && c.loadBalancerArn().equals(loadBalancerArn)).mapToLong(Reading::requests).sum()
                                    / divisor, periodStart, storageResolutionSeconds)));
        });
        return data;
    }

    /** {@code app/<name>/<id>}: the load balancer's ARN after {@code loadbalancer/}, as ALB names it. */
    public static String loadBalancerDimension(String loadBalancerArn) {
        int at = loadBalancerArn.indexOf(":loadbalancer/");
        return at < 0 ? loadBalancerArn : loadBalancerArn.substring(at + ":loadbalancer/".length());
    }

    /** {@code targetgroup/<name>/<id>}: the target group's ARN after its last colon. */
    public static String targetGroupDimension(String targetGroupArn) {
        return targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1);
    }

    private static void count(List<MetricDatum> data, String name, Map<String, String> dimensions, long value,
            Instant periodStart, int resolution) {
        if (value > 0) {
            data.add(datum(MetricKey.of(NAMESPACE, name, dimensions), value, periodStart, resolution));
        }
    }

    private static MetricDatum datum(MetricKey key, double value, Instant periodStart, int resolution) {
        return MetricDatum.statisticSet(key, periodStart, "Count", resolution, 1, value, value, value);
    }
}

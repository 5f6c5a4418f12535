package dev.ecsd.control.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.control.metrics.RequestCountSource.Reading;
import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.cloudwatch.MetricKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbMetricsTest {
    private static final String LB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web-lb/50dc6c495c0c9188";
    private static final String TG = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web-tg/73e2d6bc24d8a067";
    private static final Instant PERIOD = Instant.parse("2026-03-12T10:01:00Z");

    @Test
    void dimensionValuesAreTheArnsTailsAsAlbNamesThem() {
        assertThat(AlbMetrics.loadBalancerDimension(LB)).isEqualTo("app/web-lb/50dc6c495c0c9188");
        assertThat(AlbMetrics.targetGroupDimension(TG)).isEqualTo("targetgroup/web-tg/73e2d6bc24d8a067");
    }

    @Test
    void requestCountsPerLoadBalancerAndTargetGroupAndPerHealthyTarget() {
        List<MetricDatum> data = AlbMetrics.compute(List.of(new Reading(LB, TG, 120, 100, 0, 15, 5, 2)),
                Map.of(TG, new AlbMetrics.GroupTargets(4, 3)), PERIOD, 60);

        Map<String, String> lb = Map.of("LoadBalancer", "app/web-lb/50dc6c495c0c9188");
        Map<String, String> both = Map.of("LoadBalancer", "app/web-lb/50dc6c495c0c9188",
                "TargetGroup", "targetgroup/web-tg/73e2d6bc24d8a067");
        Map<String, String> group = Map.of("TargetGroup", "targetgroup/web-tg/73e2d6bc24d8a067");
        assertThat(sum(data, "RequestCount", lb)).isEqualTo(120);
        assertThat(sum(data, "RequestCount", both)).isEqualTo(120);
        assertThat(sum(data, "HTTPCode_Target_2XX_Count", both)).isEqualTo(100);
        assertThat(sum(data, "HTTPCode_Target_4XX_Count", lb)).isEqualTo(15);
        assertThat(sum(data, "HTTPCode_ELB_5XX_Count", lb)).isEqualTo(2);
        assertThat(sum(data, "RequestCountPerTarget", group)).isEqualTo(40);
        assertThat(sum(data, "RequestCountPerTarget", both)).isEqualTo(40);
        // zero counts have no data point
        assertThat(data).noneMatch(d -> d.key().metricName().equals("HTTPCode_Target_3XX_Count"));
        assertThat(data).allMatch(d -> d.timestamp().equals(PERIOD) && d.unit().equals("Count"));
    }

    @Test
    void withoutHealthyTargetsRequestsAreSharedByAllRegisteredOnes() {
        List<MetricDatum> data = AlbMetrics.compute(List.of(new Reading(LB, TG, 10, 0, 0, 0, 0, 10)),
                Map.of(TG, new AlbMetrics.GroupTargets(2, 0)), PERIOD, 60);

        assertThat(sum(data, "RequestCountPerTarget", Map.of("TargetGroup", "targetgroup/web-tg/73e2d6bc24d8a067")))
                .isEqualTo(5);
    }

    private static double sum(List<MetricDatum> data, String name, Map<String, String> dimensions) {
        MetricKey key = MetricKey.of("AWS/ApplicationELB", name, dimensions);
        List<MetricDatum> found = data.stream().filter(d -> d.key().equals(key)).toList();
        assertThat(found).as("data of %s", key).hasSize(1);
        return found.getFirst().sum();
    }
}

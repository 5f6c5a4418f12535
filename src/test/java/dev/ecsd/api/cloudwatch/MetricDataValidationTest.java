package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.metrics.MetricDatum;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

class MetricDataValidationTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void aValueIsOneRawValueAtStandardResolutionByDefault() {
        List<MetricDatum> data = data(d -> d.metricName("Hits").value(3.0));

        assertThat(data).singleElement().satisfies(datum -> {
            assertThat(datum.timestamp()).isEqualTo(NOW);
            assertThat(datum.unit()).isEqualTo("None");
            assertThat(datum.storageResolutionSeconds()).isEqualTo(60);
            assertThat(datum.values()).containsExactly(3.0);
        });
    }

    @Test
    void valuesWithCountsBecomeOneDatumPerDistinctValue() {
        List<MetricDatum> data = data(d -> d.metricName("Hits").values(1.0, 2.0, 1.0, 5.0).counts(2.0, 1.0, 1.0, 0.0)
                .storageResolution(1));

        assertThat(data).extracting(MetricDatum::minimum).containsExactly(1.0, 2.0);
        assertThat(data).extracting(MetricDatum::sampleCount).containsExactly(3.0, 1.0);
        assertThat(data).extracting(MetricDatum::sum).containsExactly(3.0, 2.0);
        assertThat(data).allSatisfy(datum -> assertThat(datum.storageResolutionSeconds()).isEqualTo(1));
    }

    @Test
    void refusesOutOfRangeValuesAndTimes() {
        refused(d -> d.metricName("X").value(Double.POSITIVE_INFINITY), ErrorType.INVALID_PARAMETER_VALUE,
                "The value Infinity for parameter MetricData.member.1.Value is invalid.");
        refused(d -> d.metricName("X").value(1e200), ErrorType.INVALID_PARAMETER_VALUE, "is invalid");
        refused(d -> d.metricName("X").value(1e-200), ErrorType.INVALID_PARAMETER_VALUE, "is invalid");
        assertThat(data(d -> d.metricName("X").value(0.0))).hasSize(1);
        refused(d -> d.metricName("X").value(1.0).timestamp(NOW.plus(Duration.ofHours(3))),
                ErrorType.INVALID_PARAMETER_VALUE, "no more than two hours in the future");
        refused(d -> d.metricName("X").value(1.0).timestamp(NOW.minus(Duration.ofDays(14)).minusSeconds(1)),
                ErrorType.INVALID_PARAMETER_VALUE, "no more than two weeks in the past");
        assertThat(data(d -> d.metricName("X").value(1.0).timestamp(NOW.minus(Duration.ofDays(14))))).hasSize(1);
    }

    @Test
    void refusesBadShapes() {
        refused(d -> d.value(1.0), ErrorType.MISSING_REQUIRED_PARAMETER,
                "The parameter MetricData.member.1.MetricName is required.");
        refused(d -> d.metricName("X"), ErrorType.MISSING_REQUIRED_PARAMETER, "MetricData.member.1.Value");
        refused(d -> d.metricName("X").values(1.0, 2.0).counts(1.0), ErrorType.INVALID_PARAMETER_VALUE,
                "must be of the same size");
        refused(d -> d.metricName("X").values(Collections.nCopies(151, 1.0)), ErrorType.INVALID_PARAMETER_VALUE,
                "The collection MetricData.member.1.Values must not have a size greater than 150.");
        refused(d -> d.metricName("X").value(1.0).values(2.0), ErrorType.INVALID_PARAMETER_COMBINATION,
                "mutually exclusive");
        refused(d -> d.metricName("X").statisticValues(s -> s.sampleCount(2.0).sum(3.0).minimum(1.0)),
                ErrorType.MISSING_REQUIRED_PARAMETER, "StatisticValues.Maximum is required");
        refused(d -> d.metricName("X").statisticValues(s -> s.sampleCount(2.0).sum(3.0).minimum(5.0).maximum(1.0)),
                ErrorType.INVALID_PARAMETER_VALUE, "Minimum must be less than or equal");
        refused(d -> d.metricName("X").value(1.0).unit("Furlongs"), ErrorType.INVALID_PARAMETER_VALUE,
                "The value Furlongs for parameter MetricData.member.1.Unit is invalid.");
        refused(d -> d.metricName("X").value(1.0).dimensions(IntStream.range(0, 31)
                .mapToObj(i -> Dimension.builder().name("d" + i).value("v").build()).toList()),
                ErrorType.INVALID_PARAMETER_VALUE, "Dimensions must not have a size greater than 30.");
    }

    @Test
    void refusesReservedNamespacesAndTooMuchData() {
        assertThatThrownBy(() -> MetricDataValidation.data(PutMetricDataRequest.builder().namespace("AWS/EC2")
                .metricData(d -> d.metricName("X").value(1.0)).build(), NOW))
                .hasMessageContaining("Namespaces starting with \"AWS/\" are reserved");
        assertThatThrownBy(() -> MetricDataValidation.data(PutMetricDataRequest.builder().namespace("App")
                .metricData(Collections.nCopies(1001, software.amazon.awssdk.services.cloudwatch.model.MetricDatum
                        .builder().metricName("X").value(1.0).build())).build(), NOW))
                .hasMessage("The collection MetricData must not have a size greater than 1000.");
    }

    @Test
    void periodsAndStartTimesFollowCloudWatch() {
        assertThat(Statistics.checkPeriod(300, "Period")).isEqualTo(300);
        assertThat(Statistics.checkPeriod(10, "Period")).isEqualTo(10);
        assertThatThrownBy(() -> Statistics.checkPeriod(90, "Period")).hasMessageContaining("multiple of 60");
        assertThatThrownBy(() -> Statistics.checkPeriod(7, "Period")).hasMessageContaining("multiple of 60");
        assertThatThrownBy(() -> Statistics.checkPeriod(0, "Period")).hasMessageContaining("greater than 0");
        Instant start = Instant.parse("2026-03-01T11:32:34Z");
        assertThat(Statistics.roundStart(start, 60, NOW)).isEqualTo(Instant.parse("2026-03-01T11:32:00Z"));
        assertThat(Statistics.roundStart(start, 10, NOW)).isEqualTo(Instant.parse("2026-03-01T11:32:30Z"));
        assertThat(Statistics.roundStart(start.minus(Duration.ofDays(20)), 60, NOW))
                .isEqualTo(Instant.parse("2026-02-09T11:30:00Z"));
        assertThat(Statistics.roundStart(start.minus(Duration.ofDays(70)), 3600, NOW))
                .isEqualTo(Instant.parse("2025-12-21T11:00:00Z"));
    }

    private static List<MetricDatum> data(
            Consumer<software.amazon.awssdk.services.cloudwatch.model.MetricDatum.Builder> datum) {
        return MetricDataValidation.data(PutMetricDataRequest.builder().namespace("App").metricData(datum).build(),
                NOW);
    }

    private static void refused(Consumer<software.amazon.awssdk.services.cloudwatch.model.MetricDatum.Builder> datum,
            ErrorType type, String message) {
        assertThatThrownBy(() -> data(datum)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.type()).isEqualTo(type)).hasMessageContaining(message);
    }
}

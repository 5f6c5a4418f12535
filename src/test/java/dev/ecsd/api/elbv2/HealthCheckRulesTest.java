package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthCheckRulesTest {
    private static HealthCheckSettings interval(Integer interval, Integer timeout) {
        return new HealthCheckSettings(null, null, null, null, interval, timeout, null, null, null, null);
    }

    @Test
    void anHttpGroupGetsAlbDefaults() {
        assertThat(HealthCheckRules.create("HTTP", "ip", HealthCheckSettings.NONE)).isEqualTo(
                new TargetGroupHealthCheck(true, "HTTP", "traffic-port", "/", 30, 5, 5, 2, "200"));
    }

    @Test
    void aTcpGroupGetsNlbDefaults() {
        assertThat(HealthCheckRules.create("TCP", "ip", HealthCheckSettings.NONE)).isEqualTo(
                new TargetGroupHealthCheck(true, "TCP", "traffic-port", null, 30, 10, 5, 2, null));
    }

    @Test
    void aTcpGroupMayBeCheckedOverHttpWithNlbsMatcher() {
        HealthCheckSettings http = new HealthCheckSettings(null, "HTTP", null, null, null, null, null, null, null, null);
        assertThat(HealthCheckRules.create("TCP", "ip", http)).isEqualTo(
                new TargetGroupHealthCheck(true, "HTTP", "traffic-port", "/", 30, 10, 5, 2, "200-399"));
    }

    @Test
    void theIssuesSettingsGiveATimeoutBelowTheShortInterval() {
        HealthCheckSettings settings = new HealthCheckSettings(null, null, null, "/health", 5, null, 2, null, null,
                null);
        assertThat(HealthCheckRules.create("HTTP", "ip", settings)).isEqualTo(
                new TargetGroupHealthCheck(true, "HTTP", "traffic-port", "/health", 5, 4, 2, 2, "200"));
    }

    @ParameterizedTest
    @CsvSource({
            "4, 2, 'Value ''4'' at ''healthCheckIntervalSeconds'' failed to satisfy constraint: Member must have value greater than or equal to 5'",
            "301, 5, 'Value ''301'' at ''healthCheckIntervalSeconds'' failed to satisfy constraint: Member must have value less than or equal to 300'",
            "30, 1, 'Value ''1'' at ''healthCheckTimeoutSeconds'' failed to satisfy constraint: Member must have value greater than or equal to 2'",
            "300, 121, 'Value ''121'' at ''healthCheckTimeoutSeconds'' failed to satisfy constraint: Member must have value less than or equal to 120'",
            "10, 10, 'Health check interval must be greater than the timeout.'",
            "10, 20, 'Health check interval must be greater than the timeout.'"})
    void refusesIntervalsAndTimeoutsOutOfBounds(int interval, int timeout, String message) {
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", interval(interval, timeout)))
                .isInstanceOf(ApiException.class).hasMessageContaining(message)
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 11})
    void refusesThresholdsOutside2To10(int threshold) {
        HealthCheckSettings healthy = new HealthCheckSettings(null, null, null, null, null, null, threshold, null,
                null, null);
        HealthCheckSettings unhealthy = new HealthCheckSettings(null, null, null, null, null, null, null, threshold,
                null, null);
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", healthy))
                .hasMessageContaining("at 'healthyThresholdCount'");
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", unhealthy))
                .hasMessageContaining("at 'unhealthyThresholdCount'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"200", "200,202", "200-299", "200-399,404", "499"})
    void acceptsMatchersOfCodesAndRanges(String matcher) {
        HealthCheckRules.checkMatcher(matcher);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "199|'199' must be within '200-499' inclusive",
            "200-500|'200-500' must be within '200-499' inclusive",
            "300-200|'300-200' must be within '200-499' inclusive",
            "ok|must be a code (200), a list of codes (200,202) or a range of codes (200-299)",
            "200,|must be a code (200)"})
    void refusesOtherMatchers(String matcher, String message) {
        assertThatThrownBy(() -> HealthCheckRules.checkMatcher(matcher)).hasMessageContaining(message);
    }

    @Test
    void healthChecksOfIpAndInstanceGroupsCannotBeDisabled() {
        HealthCheckSettings off = new HealthCheckSettings(false, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", off))
                .isInstanceOf(ApiException.class)
                .hasMessage("Health checks cannot be disabled for target groups with target type 'ip'")
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.INVALID_CONFIGURATION_REQUEST);
    }

    @Test
    void refusesTcpChecksOfHttpGroupsAndHttpsChecks() {
        HealthCheckSettings tcp = new HealthCheckSettings(null, "TCP", null, null, null, null, null, null, null, null);
        HealthCheckSettings https = new HealthCheckSettings(null, "HTTPS", null, null, null, null, null, null, null,
                null);
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", tcp))
                .hasMessage("Health check protocol 'TCP' is not supported for target groups with the 'HTTP' protocol");
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", https))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.UNSUPPORTED_PROTOCOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "http", ""})
    void refusesHealthCheckPortsThatAreNoPort(String port) {
        HealthCheckSettings settings = new HealthCheckSettings(null, null, port, null, null, null, null, null, null,
                null);
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", settings))
                .hasMessageContaining("must be 'traffic-port' or a port between '1-65535' inclusive");
    }

    @Test
    void refusesPathsNotStartingWithASlash() {
        HealthCheckSettings settings = new HealthCheckSettings(null, null, null, "health", null, null, null, null, null,
                null);
        assertThatThrownBy(() -> HealthCheckRules.create("HTTP", "ip", settings))
                .hasMessage("Health check path must begin with a '/' character");
    }

    @Test
    void modifyKeepsWhatTheRequestLeavesOutAndChecksTheResult() {
        TargetGroupHealthCheck current = HealthCheckRules.create("HTTP", "ip", HealthCheckSettings.NONE);
        HealthCheckSettings change = new HealthCheckSettings(null, null, "8081", "/ready", 10, null, null, 3, "200-299",
                null);
        assertThat(HealthCheckRules.modify(current, "HTTP", "ip", change)).isEqualTo(
                new TargetGroupHealthCheck(true, "HTTP", "8081", "/ready", 10, 5, 5, 3, "200-299"));
        assertThatThrownBy(() -> HealthCheckRules.modify(current, "HTTP", "ip", interval(5, null)))
                .hasMessage("Health check interval must be greater than the timeout.");
    }
}

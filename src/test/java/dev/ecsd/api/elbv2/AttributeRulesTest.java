package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.LoadBalancerState;
import dev.ecsd.model.elb.TargetGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The load balancer and target group attributes: defaults, values, and the combinations ELBv2 refuses. */
class AttributeRulesTest {
    private static List<AttributeChanges.Change> set(String key, String value) {
        return List.of(new AttributeChanges.Change(key, value));
    }

    @Nested
    class LoadBalancers {
        private final ElbLoadBalancer application = new ElbLoadBalancer("arn", "web", "application", "internet-facing",
                "web-1.us-east-1.elb.localhost", "vpc-1", List.of("subnet-1", "subnet-2"), List.of(), "ipv4",
                Instant.EPOCH, LoadBalancerState.ACTIVE, LoadBalancerAttributeRules.defaults("application"), Map.of());

        @Test
        void anApplicationLoadBalancerHasAlbsAttributesAtTheirDefaults() {
            assertThat(LoadBalancerAttributeRules.defaults("application"))
                    .containsEntry("idle_timeout.timeout_seconds", "60")
                    .containsEntry("deletion_protection.enabled", "false")
                    .containsEntry("routing.http2.enabled", "true")
                    .containsEntry("routing.http.desync_mitigation_mode", "defensive")
                    .containsEntry("access_logs.s3.enabled", "false")
                    .containsEntry("client_keep_alive.seconds", "3600")
                    .containsEntry("load_balancing.cross_zone.enabled", "true");
            assertThat(LoadBalancerAttributeRules.defaults("network"))
                    .containsEntry("load_balancing.cross_zone.enabled", "false")
                    .doesNotContainKey("idle_timeout.timeout_seconds");
        }

        @Test
        void modifiesKnownKeysNormalizingValues() {
            Map<String, String> modified = LoadBalancerAttributeRules.modify(application, List.of(
                    new AttributeChanges.Change("idle_timeout.timeout_seconds", "120"),
                    new AttributeChanges.Change("deletion_protection.enabled", "TRUE")));
            assertThat(modified).containsEntry("idle_timeout.timeout_seconds", "120")
                    .containsEntry("deletion_protection.enabled", "true")
                    .containsEntry("routing.http2.enabled", "true");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "idle_timeout.timeout_seconds|0|'idle_timeout.timeout_seconds' value '0' must be between '1-4000' inclusive",
                "idle_timeout.timeout_seconds|4001|'idle_timeout.timeout_seconds' value '4001' must be between '1-4000' inclusive",
                "idle_timeout.timeout_seconds|soon|'idle_timeout.timeout_seconds' value 'soon' must be between '1-4000' inclusive",
                "deletion_protection.enabled|yes|'deletion_protection.enabled' value 'yes' must be one of '[true, false]'",
                "no.such.key|1|Load balancer attribute key 'no.such.key' is not recognized"})
        void refusesUnknownKeysAndBadValues(String key, String value, String message) {
            assertThatThrownBy(() -> LoadBalancerAttributeRules.modify(application, set(key, value)))
                    .isInstanceOf(ApiException.class).hasMessage(message)
                    .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        }

        @Test
        void refusesAKeyTwice() {
            assertThatThrownBy(() -> LoadBalancerAttributeRules.modify(application, List.of(
                    new AttributeChanges.Change("idle_timeout.timeout_seconds", "1"),
                    new AttributeChanges.Change("idle_timeout.timeout_seconds", "2"))))
                    .hasMessage("Attribute key 'idle_timeout.timeout_seconds' was specified more than once");
        }
    }

    @Nested
    class TargetGroups {
        private final TargetGroup http = group("HTTP");

        private TargetGroup group(String protocol) {
            return new TargetGroup("arn", "tg", protocol, 80, null, "vpc-1", "ip", "ipv4",
                    HealthCheckRules.create(protocol, "ip", HealthCheckSettings.NONE),
                    TargetGroupAttributeRules.defaults(protocol, "ip"), Map.of(), Instant.EPOCH);
        }

        @Test
        void anHttpGroupHasAlbsAttributesAtTheirDefaults() {
            assertThat(TargetGroupAttributeRules.defaults("HTTP", "ip"))
                    .containsEntry("deregistration_delay.timeout_seconds", "300")
                    .containsEntry("slow_start.duration_seconds", "0")
                    .containsEntry("load_balancing.algorithm.type", "round_robin")
                    .containsEntry("stickiness.enabled", "false")
                    .containsEntry("stickiness.type", "lb_cookie")
                    .containsEntry("stickiness.lb_cookie.duration_seconds", "86400");
            assertThat(TargetGroupAttributeRules.defaults("TCP", "instance"))
                    .containsEntry("stickiness.type", "source_ip")
                    .containsEntry("preserve_client_ip.enabled", "true")
                    .doesNotContainKey("slow_start.duration_seconds");
        }

        @Test
        void modifiesTheAttributesTheIssueUses() {
            Map<String, String> modified = TargetGroupAttributeRules.modify(http, List.of(
                    new AttributeChanges.Change("deregistration_delay.timeout_seconds", "10"),
                    new AttributeChanges.Change("load_balancing.algorithm.type", "least_outstanding_requests"),
                    new AttributeChanges.Change("slow_start.duration_seconds", "30"),
                    new AttributeChanges.Change("stickiness.enabled", "true")));
            assertThat(modified).containsEntry("deregistration_delay.timeout_seconds", "10")
                    .containsEntry("load_balancing.algorithm.type", "least_outstanding_requests")
                    .containsEntry("slow_start.duration_seconds", "30")
                    .containsEntry("stickiness.enabled", "true");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "deregistration_delay.timeout_seconds|3601|'deregistration_delay.timeout_seconds' value '3601' must be between '0-3600' inclusive",
                "slow_start.duration_seconds|29|'slow_start.duration_seconds' value '29' must be '0' or between '30-900' inclusive",
                "slow_start.duration_seconds|901|'slow_start.duration_seconds' value '901' must be '0' or between '30-900' inclusive",
                "stickiness.lb_cookie.duration_seconds|0|'stickiness.lb_cookie.duration_seconds' value '0' must be between '1-604800' inclusive",
                "load_balancing.algorithm.type|random|'load_balancing.algorithm.type' value 'random' must be one of '[round_robin, least_outstanding_requests, weighted_random]'",
                "bogus|1|Target group attribute key 'bogus' is not recognized"})
        void refusesBadValuesAsValidationErrors(String key, String value, String message) {
            assertThatThrownBy(() -> TargetGroupAttributeRules.modify(http, set(key, value)))
                    .isInstanceOf(ApiException.class).hasMessage(message)
                    .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
                "stickiness.type|source_ip|Stickiness type 'source_ip' is not supported for target groups with the HTTP protocol",
                "load_balancing.algorithm.type|weighted_random|ecsd's load balancer routes by the round_robin and least_outstanding_requests algorithms; weighted_random is not supported"})
        void refusesUnsupportedCombinationsAsInvalidConfiguration(String key, String value, String message) {
            assertThatThrownBy(() -> TargetGroupAttributeRules.modify(http, set(key, value)))
                    .isInstanceOf(ApiException.class).hasMessage(message)
                    .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.INVALID_CONFIGURATION_REQUEST);
        }

        @Test
        void appCookieStickinessNeedsACookieName() {
            assertThatThrownBy(() -> TargetGroupAttributeRules.modify(http, List.of(
                    new AttributeChanges.Change("stickiness.enabled", "true"),
                    new AttributeChanges.Change("stickiness.type", "app_cookie"))))
                    .hasMessage("You must set an application cookie name to enable stickiness of type 'app_cookie'");
            assertThat(TargetGroupAttributeRules.modify(http, List.of(
                    new AttributeChanges.Change("stickiness.enabled", "true"),
                    new AttributeChanges.Change("stickiness.type", "app_cookie"),
                    new AttributeChanges.Change("stickiness.app_cookie.cookie_name", "SESSION"))))
                    .containsEntry("stickiness.app_cookie.cookie_name", "SESSION");
        }

        @Test
        void aTcpGroupKnowsNoAlbAttributes() {
            assertThatThrownBy(() -> TargetGroupAttributeRules.modify(group("TCP"), set("slow_start.duration_seconds",
                    "30"))).hasMessage("Target group attribute key 'slow_start.duration_seconds' is not recognized");
        }
    }
}

package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.TargetGroup;
import java.util.List;
import java.util.Map;

/**
 * The attributes ELBv2 keeps for a target group — ALB's for HTTP groups, NLB's for TCP ones — with their defaults,
 * the values each takes, and the combinations ELBv2 refuses as an InvalidConfigurationRequest.
 */
public final class TargetGroupAttributeRules {
    private static final String STICKINESS_COOKIE_NAME = "stickiness.app_cookie.cookie_name";
    private static final String WEIGHTED_RANDOM = "weighted_random";

    private static final Map<String, AttributeValue> COMMON = Map.of(
            ElbAttributes.DEREGISTRATION_DELAY, AttributeValue.integer("300", 0, 3600),
            "load_balancing.cross_zone.enabled",
            AttributeValue.choice("use_load_balancer_configuration", "true", "false", "use_load_balancer_configuration"),
            ElbAttributes.STICKINESS_ENABLED, AttributeValue.bool("false"),
            "target_group_health.dns_failover.minimum_healthy_targets.count", AttributeValue.text("1"),
            "target_group_health.dns_failover.minimum_healthy_targets.percentage", AttributeValue.text("off"),
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", AttributeValue.text("1"),
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
            AttributeValue.text("off"));

    private static final Map<String, AttributeValue> HTTP = AttributeChanges.union(COMMON, Map.of(
            ElbAttributes.ALGORITHM, AttributeValue.choice(ElbAttributes.ROUND_ROBIN, ElbAttributes.ROUND_ROBIN,
                    ElbAttributes.LEAST_OUTSTANDING_REQUESTS, WEIGHTED_RANDOM),
            "load_balancing.algorithm.anomaly_mitigation", AttributeValue.choice("off", "on", "off"),
            // 0, or 30 to 900: checked below, as ELBv2 words it
            ElbAttributes.SLOW_START, AttributeValue.text("0"),
            ElbAttributes.STICKINESS_TYPE, AttributeValue.choice("lb_cookie", "lb_cookie", "app_cookie", "source_ip",
                    "source_ip_dest_ip", "source_ip_dest_ip_proto"),
            ElbAttributes.STICKINESS_COOKIE_DURATION, AttributeValue.integer("86400", 1, 604800),
            STICKINESS_COOKIE_NAME, AttributeValue.text(""),
            "stickiness.app_cookie.duration_seconds", AttributeValue.integer("86400", 1, 604800),
            "waf.fail_open.enabled", AttributeValue.bool("false")));

    private static final Map<String, AttributeValue> TCP = AttributeChanges.union(COMMON, Map.of(
            "deregistration_delay.connection_termination.enabled", AttributeValue.bool("false"),
            "preserve_client_ip.enabled", AttributeValue.bool("false"),
            "proxy_protocol_v2.enabled", AttributeValue.bool("false"),
            ElbAttributes.STICKINESS_TYPE, AttributeValue.choice("source_ip", "lb_cookie", "app_cookie", "source_ip",
                    "source_ip_dest_ip", "source_ip_dest_ip_proto"),
            "target_health_state.unhealthy.connection_termination.enabled", AttributeValue.bool("true"),
            "target_health_state.unhealthy.draining_interval_seconds", AttributeValue.integer("0", 0, 360000)));

    private TargetGroupAttributeRules() {
    }

    /** Every attribute of a new target group of {@code protocol} and {@code targetType}, at its default. */
    public static Map<String, String> defaults(String protocol, String targetType) {
        Map<String, String> values = AttributeChanges.defaults(table(protocol));
        if (HealthCheckRules.TCP.equals(protocol) && "instance".equals(targetType)) {
            values.put("preserve_client_ip.enabled", "true");
        }
        return values;
    }

    /** A target group's attributes with a ModifyTargetGroupAttributes request's changes. */
    static Map<String, String> modify(TargetGroup group, List<AttributeChanges.Change> changes) {
        Map<String, String> result = AttributeChanges.apply(group.attributes(), changes, table(group.protocol()),
                "Target group attribute key '%s' is not recognized");
        checkCombinations(group.protocol(), changes, result);
        return result;
    }

    private static void checkCombinations(String protocol, List<AttributeChanges.Change> changes,
            Map<String, String> result) {
        if (result.containsKey(ElbAttributes.SLOW_START)) {
            result.put(ElbAttributes.SLOW_START, slowStart(result.get(ElbAttributes.SLOW_START)));
        }
        if (WEIGHTED_RANDOM.equals(result.get(ElbAttributes.ALGORITHM))) {
            throw ElbErrors.invalidConfiguration("ecsd's load balancer routes by the round_robin and "
                    + "least_outstanding_requests algorithms; weighted_random is not supported");
        }
        boolean typeChanged = changes.stream().anyMatch(change -> ElbAttributes.STICKINESS_TYPE.equals(change.key()));
        String type = result.get(ElbAttributes.STICKINESS_TYPE);
        if (typeChanged) {
            boolean http = HealthCheckRules.HTTP.equals(protocol);
            boolean supported = http ? type.equals("lb_cookie") || type.equals("app_cookie") : type.equals("source_ip");
            if (!supported) {
                throw ElbErrors.invalidConfiguration("Stickiness type '" + type
                        + "' is not supported for target groups with the " + protocol + " protocol");
            }
        }
        if ("app_cookie".equals(type) && Boolean.parseBoolean(result.get(ElbAttributes.STICKINESS_ENABLED))
                && result.getOrDefault(STICKINESS_COOKIE_NAME, "").isEmpty()) {
            throw ElbErrors.invalidConfiguration(
                    "You must set an application cookie name to enable stickiness of type 'app_cookie'");
        }
    }

    private static String slowStart(String value) {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds == 0 || seconds >= 30 && seconds <= 900) {
                return Integer.toString(seconds);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ElbErrors.validation("'" + ElbAttributes.SLOW_START + "' value '" + value.trim()
                + "' must be '0' or between '30-900' inclusive");
    }

    private static Map<String, AttributeValue> table(String protocol) {
        return HealthCheckRules.TCP.equals(protocol) ? TCP : HTTP;
    }
}

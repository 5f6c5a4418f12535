package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.ElbLoadBalancer;
import java.util.List;
import java.util.Map;

/** The attributes ELBv2 keeps for a load balancer of each type, with their defaults and the values they take. */
public final class LoadBalancerAttributeRules {
    private static final Map<String, AttributeValue> COMMON = Map.of(
            "access_logs.s3.enabled", AttributeValue.bool("false"),
            "access_logs.s3.bucket", AttributeValue.text(""),
            "access_logs.s3.prefix", AttributeValue.text(""),
            ElbAttributes.DELETION_PROTECTION, AttributeValue.bool("false"),
            "zonal_shift.config.enabled", AttributeValue.bool("false"));

    private static final Map<String, AttributeValue> APPLICATION = AttributeChanges.union(COMMON, Map.ofEntries(
            Map.entry(ElbAttributes.IDLE_TIMEOUT, AttributeValue.integer("60", 1, 4000)),
            Map.entry("client_keep_alive.seconds", AttributeValue.integer("3600", 60, 604800)),
            Map.entry("connection_logs.s3.enabled", AttributeValue.bool("false")),
            Map.entry("connection_logs.s3.bucket", AttributeValue.text("")),
            Map.entry("connection_logs.s3.prefix", AttributeValue.text("")),
            Map.entry("load_balancing.cross_zone.enabled", AttributeValue.bool("true")),
            Map.entry("routing.http.desync_mitigation_mode",
                    AttributeValue.choice("defensive", "monitor", "defensive", "strictest")),
            Map.entry("routing.http.drop_invalid_header_fields.enabled", AttributeValue.bool("false")),
            Map.entry("routing.http.preserve_host_header.enabled", AttributeValue.bool("false")),
            Map.entry("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", AttributeValue.bool("false")),
            Map.entry("routing.http.xff_client_port.enabled", AttributeValue.bool("false")),
            Map.entry("routing.http.xff_header_processing.mode",
                    AttributeValue.choice("append", "append", "preserve", "remove")),
            Map.entry("routing.http2.enabled", AttributeValue.bool("true")),
            Map.entry("waf.fail_open.enabled", AttributeValue.bool("false"))));

    private static final Map<String, AttributeValue> NETWORK = AttributeChanges.union(COMMON, Map.of(
            "load_balancing.cross_zone.enabled", AttributeValue.bool("false"),
            "dns_record.client_routing_policy", AttributeValue.choice("any_availability_zone",
                    "availability_zone_affinity", "partial_availability_zone_affinity", "any_availability_zone")));

    private LoadBalancerAttributeRules() {
    }

    /** Every attribute of a new load balancer of {@code type}, at its default. */
    public static Map<String, String> defaults(String type) {
        return AttributeChanges.defaults(table(type));
    }

    /** A load balancer's attributes with a ModifyLoadBalancerAttributes request's changes. */
    static Map<String, String> modify(ElbLoadBalancer loadBalancer, List<AttributeChanges.Change> changes) {
        return AttributeChanges.apply(loadBalancer.attributes(), changes, table(loadBalancer.type()),
                "Load balancer attribute key '%s' is not recognized");
    }

    private static Map<String, AttributeValue> table(String type) {
        return ElbLoadBalancer.NETWORK.equals(type) ? NETWORK : APPLICATION;
    }
}

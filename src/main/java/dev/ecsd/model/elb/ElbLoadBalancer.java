package dev.ecsd.model.elb;

import dev.ecsd.model.Lists;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An ELBv2 load balancer: what CreateLoadBalancer recorded, its attributes (ALB's names and defaults, as strings)
 * and its state. Its listeners are records of their own.
 */
public record ElbLoadBalancer(String loadBalancerArn, String name, String type, String scheme, String dnsName,
        String vpcId, List<String> subnets, List<String> securityGroups, String ipAddressType, Instant createdTime,
        LoadBalancerState state, Map<String, String> attributes, Map<String, String> tags) {

    public static final String APPLICATION = "application";
    public static final String NETWORK = "network";

    public ElbLoadBalancer {
        subnets = Lists.copy(Lists.orEmpty(subnets));
        securityGroups = Lists.copy(Lists.orEmpty(securityGroups));
        attributes = Lists.copy(Lists.orEmpty(attributes));
        tags = Lists.copy(Lists.orEmpty(tags));
    }

    /** The idle timeout in seconds: how long a target may stay silent before the listener answers 504. */
    public int idleTimeoutSeconds() {
        return Integer.parseInt(attributes.getOrDefault(ElbAttributes.IDLE_TIMEOUT, "60"));
    }

    public ElbLoadBalancer withState(LoadBalancerState newState) {
        return new ElbLoadBalancer(loadBalancerArn, name, type, scheme, dnsName, vpcId, subnets, securityGroups,
                ipAddressType, createdTime, newState, attributes, tags);
    }

    public ElbLoadBalancer withAttributes(Map<String, String> newAttributes) {
        return new ElbLoadBalancer(loadBalancerArn, name, type, scheme, dnsName, vpcId, subnets, securityGroups,
                ipAddressType, createdTime, state, newAttributes, tags);
    }

    public ElbLoadBalancer withTags(Map<String, String> newTags) {
        return new ElbLoadBalancer(loadBalancerArn, name, type, scheme, dnsName, vpcId, subnets, securityGroups,
                ipAddressType, createdTime, state, attributes, newTags);
    }
}

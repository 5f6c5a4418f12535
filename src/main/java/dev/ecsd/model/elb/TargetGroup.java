package dev.ecsd.model.elb;

import dev.ecsd.model.Lists;
import java.time.Instant;
import java.util.Map;

/**
 * An ELBv2 target group: where its targets listen, how they are checked, and its attributes (ALB's names, as
 * strings, every default filled in). Its registered targets are records of their own.
 */
public record TargetGroup(String targetGroupArn, String name, String protocol, Integer port, String protocolVersion,
        String vpcId, String targetType, String ipAddressType, TargetGroupHealthCheck healthCheck,
        Map<String, String> attributes, Map<String, String> tags, Instant createdTime) {

    public TargetGroup {
        attributes = Lists.copy(Lists.orEmpty(attributes));
        tags = Lists.copy(Lists.orEmpty(tags));
    }

    public int deregistrationDelaySeconds() {
        return Integer.parseInt(attributes.getOrDefault(ElbAttributes.DEREGISTRATION_DELAY, "300"));
    }

    public int slowStartSeconds() {
        return Integer.parseInt(attributes.getOrDefault(ElbAttributes.SLOW_START, "0"));
    }

    public String algorithm() {
        return attributes.getOrDefault(ElbAttributes.ALGORITHM, ElbAttributes.ROUND_ROBIN);
    }

    public boolean stickinessEnabled() {
        return Boolean.parseBoolean(attributes.getOrDefault(ElbAttributes.STICKINESS_ENABLED, "false"));
    }

    public int stickinessDurationSeconds() {
        return Integer.parseInt(attributes.getOrDefault(ElbAttributes.STICKINESS_COOKIE_DURATION, "86400"));
    }

    public TargetGroup withHealthCheck(TargetGroupHealthCheck newHealthCheck) {
        return new TargetGroup(targetGroupArn, name, protocol, port, protocolVersion, vpcId, targetType, ipAddressType,
                newHealthCheck, attributes, tags, createdTime);
    }

    public TargetGroup withAttributes(Map<String, String> newAttributes) {
        return new TargetGroup(targetGroupArn, name, protocol, port, protocolVersion, vpcId, targetType, ipAddressType,
                healthCheck, newAttributes, tags, createdTime);
    }

    public TargetGroup withTags(Map<String, String> newTags) {
        return new TargetGroup(targetGroupArn, name, protocol, port, protocolVersion, vpcId, targetType, ipAddressType,
                healthCheck, attributes, newTags, createdTime);
    }
}

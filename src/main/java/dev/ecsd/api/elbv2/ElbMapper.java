package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.state.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/** Model records as ELBv2 answers them. */
final class ElbMapper {
    /** Route 53 zones of ELBv2's DNS names by region (application, network); us-east-1's elsewhere. */
    private static final Map<String, List<String>> HOSTED_ZONES = Map.of(
            "us-east-1", List.of("Z35SXDOTRQ7X7K", "Z26RNL4JYFTOTI"),
            "us-east-2", List.of("Z3AADJGX6KTTL2", "ZLMOA37VPKANP"),
            "us-west-1", List.of("Z368ELLRRE2KJ0", "Z24FKFUX50B4VW"),
            "us-west-2", List.of("Z1H1FL5HABSF5", "Z18D5FSROUN65G"),
            "eu-west-1", List.of("Z32O12XQLNTSW2", "Z2IFOLAFXWLO4F"),
            "eu-central-1", List.of("Z215JYRZR1TBD5", "Z3F0SRJ5LGBH90"));

    private final ElbResources resources;

    ElbMapper(ElbResources resources) {
        this.resources = resources;
    }

    LoadBalancer loadBalancer(ElbLoadBalancer lb) {
        List<AvailabilityZone> zones = new ArrayList<>();
        for (int i = 0; i < lb.subnets().size(); i++) {
            zones.add(AvailabilityZone.builder().zoneName(resources.zoneOf(i)).subnetId(lb.subnets().get(i))
                    .loadBalancerAddresses(List.of()).build());
        }
        List<String> hostedZones = HOSTED_ZONES.getOrDefault(resources.arns().region(), HOSTED_ZONES.get("us-east-1"));
        LoadBalancer.Builder builder = LoadBalancer.builder()
                .loadBalancerArn(lb.loadBalancerArn())
                .dnsName(lb.dnsName())
                .canonicalHostedZoneId(hostedZones.get(ElbLoadBalancer.NETWORK.equals(lb.type()) ? 1 : 0))
                .createdTime(lb.createdTime())
                .loadBalancerName(lb.name())
                .scheme(lb.scheme())
                .vpcId(lb.vpcId())
                .state(LoadBalancerState.builder().code(lb.state().code()).reason(lb.state().reason()).build())
                .type(lb.type())
                .availabilityZones(zones)
                .ipAddressType(lb.ipAddressType());
        if (!lb.securityGroups().isEmpty() || ElbLoadBalancer.APPLICATION.equals(lb.type())) {
            builder.securityGroups(lb.securityGroups());
        }
        return builder.build();
    }

    static List<LoadBalancerAttribute> loadBalancerAttributes(Map<String, String> attributes) {
        return new TreeMap<>(attributes).entrySet().stream()
                .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static List<TargetGroupAttribute> targetGroupAttributes(Map<String, String> attributes) {
        return new TreeMap<>(attributes).entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup targetGroup(Snapshot state,
            TargetGroup group) {
        return targetGroup(group, resources.loadBalancersUsing(state, group.targetGroupArn()));
    }

    /** A target group, with the load balancers that forward to it. */
    static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup targetGroup(TargetGroup group,
            Set<String> loadBalancerArns) {
        TargetGroupHealthCheck check = group.healthCheck();
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
                .targetGroupArn(group.targetGroupArn())
                .targetGroupName(group.name())
                .protocol(group.protocol())
                .port(group.port())
                .vpcId(group.vpcId())
                .healthCheckProtocol(check.protocol())
                .healthCheckPort(check.port())
                .healthCheckEnabled(check.enabled())
                .healthCheckIntervalSeconds(check.intervalSeconds())
                .healthCheckTimeoutSeconds(check.timeoutSeconds())
                .healthyThresholdCount(check.healthyThresholdCount())
                .unhealthyThresholdCount(check.unhealthyThresholdCount())
                .healthCheckPath(check.path())
                .matcher(check.matcher() == null ? null : Matcher.builder().httpCode(check.matcher()).build())
                .loadBalancerArns(List.copyOf(loadBalancerArns))
                .targetType(group.targetType())
                .protocolVersion(group.protocolVersion())
                .ipAddressType(group.ipAddressType())
                .build();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener listener(Listener listener) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener.builder()
                .listenerArn(listener.listenerArn())
                .loadBalancerArn(listener.loadBalancerArn())
                .port(listener.port())
                .protocol(listener.protocol())
                .defaultActions(listener.defaultActions().stream().map(ActionRules::toSdk).toList())
                .build();
    }

    static Rule rule(ElbRule rule) {
        return Rule.builder()
                .ruleArn(rule.ruleArn())
                .priority(rule.priority())
                .conditions(rule.conditions().stream().map(ConditionRules::toSdk).toList())
                .actions(rule.actions().stream().map(ActionRules::toSdk).toList())
                .isDefault(rule.isDefault())
                .build();
    }
}

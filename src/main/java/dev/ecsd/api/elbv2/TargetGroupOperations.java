package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;

/**
 * CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the target group attributes:
 * HTTP target groups (for application load balancers) and TCP ones (for network load balancers), of ip and
 * instance targets.
 */
public final class TargetGroupOperations {
    private static final List<String> TARGET_TYPES = List.of("instance", "ip", "lambda", "alb");
    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");
    private static final List<String> IP_ADDRESS_TYPES = List.of("ipv4", "ipv6");
    private static final String HTTP1 = "HTTP1";

    private final StateStore store;
    private final ElbResources resources;
    private final ElbMapper mapper;

    TargetGroupOperations(StateStore store, ElbResources resources, ElbMapper mapper) {
        this.store = store;
        this.resources = resources;
        this.mapper = mapper;
    }

    public CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest request) {
        String name = ElbNames.checkTargetGroupName(request.name());
        String targetType = LoadBalancerOperations.orDefault(
                ElbErrors.oneOf("targetType", request.targetTypeAsString(), TARGET_TYPES), "instance");
        if (!targetType.equals("instance") && !targetType.equals("ip")) {
            throw ElbErrors.validation("ecsd's load balancer forwards to targets of type 'instance' or 'ip'; target "
                    + "type '" + targetType + "' is not supported");
        }
        String protocol = ElbErrors.oneOf("protocol", request.protocolAsString(), PROTOCOLS);
        if (protocol == null) {
            throw ElbErrors.validation("A protocol must be specified");
        }
        if (!protocol.equals(HealthCheckRules.HTTP) && !protocol.equals(HealthCheckRules.TCP)) {
            throw ElbErrors.unsupportedProtocol("ecsd's load balancer carries HTTP (application) and TCP (network) "
                    + "traffic; target groups of protocol '" + protocol + "' are not supported");
        }
        if (request.port() == null) {
            throw ElbErrors.validation("A port must be specified");
        }
        int port = ElbErrors.range("port", request.port(), 1, 65535);
        if (request.vpcId() == null || request.vpcId().isEmpty()) {
            throw ElbErrors.validation("A VPC ID must be specified");
        }
        String protocolVersion = protocolVersion(protocol, request.protocolVersion());
        String ipAddressType = LoadBalancerOperations.orDefault(
                ElbErrors.oneOf("ipAddressType", request.ipAddressTypeAsString(), IP_ADDRESS_TYPES), "ipv4");
        TargetGroupHealthCheck healthCheck = HealthCheckRules.create(protocol, targetType, settings(
                request.healthCheckEnabled(), request.healthCheckProtocolAsString(), request.healthCheckPort(),
                request.healthCheckPath(), request.healthCheckIntervalSeconds(), request.healthCheckTimeoutSeconds(),
                request.healthyThresholdCount(), request.unhealthyThresholdCount(), request.matcher()));
        Map<String, String> tags = ElbTags.add(Map.of(), ElbTags.read(request.tags()));
        TargetGroup created = store.write(tx -> {
            for (TargetGroup existing : tx.state().all(Kind.TARGET_GROUP).toList()) {
                if (existing.name().equals(name)) {
                    if (existing.protocol().equals(protocol) && Objects.equals(existing.port(), port)
                            && existing.vpcId().equals(request.vpcId()) && existing.targetType().equals(targetType)
                            && Objects.equals(existing.protocolVersion(), protocolVersion)
                            && existing.healthCheck().equals(healthCheck)) {
                        return existing; // ELBv2 is idempotent on a name with the same settings
                    }
                    throw new ApiException(ErrorType.DUPLICATE_TARGET_GROUP_NAME,
                            "A target group with the specified name '" + name + "' already exists");
                }
            }
            String arn = resources.arns().targetGroup(name, resources.newId());
            return tx.put(Kind.TARGET_GROUP, new TargetGroup(arn, name, protocol, port, protocolVersion,
                    request.vpcId(), targetType, ipAddressType, healthCheck,
                    TargetGroupAttributeRules.defaults(protocol, targetType), tags, tx.now()));
        });
        return CreateTargetGroupResponse.builder()
                .targetGroups(List.of(mapper.targetGroup(store.snapshot(), created))).build();
    }

    private static String protocolVersion(String protocol, String requested) {
        if (protocol.equals(HealthCheckRules.TCP)) {
            if (requested != null) {
                throw ElbErrors.validation("A protocol version can only be specified for target groups with the HTTP "
                        + "or HTTPS protocol");
            }
            return null;
        }
        if (requested != null && !requested.equalsIgnoreCase(HTTP1)) {
            throw ElbErrors.unsupportedProtocol("ecsd's load balancer speaks HTTP/1.1 to targets; protocol version '"
                    + requested + "' is not supported");
        }
        return HTTP1;
    }

    static HealthCheckSettings settings(Boolean enabled, String protocol, String port, String path, Integer interval,
            Integer timeout, Integer healthy, Integer unhealthy, Matcher matcher) {
        return new HealthCheckSettings(enabled, protocol, port, path, interval, timeout, healthy, unhealthy,
                matcher == null ? null : matcher.httpCode(), matcher == null ? null : matcher.grpcCode());
    }

    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request) {
        Snapshot state = store.snapshot();
        boolean byArn = request.hasTargetGroupArns() && !request.targetGroupArns().isEmpty();
        boolean byName = request.hasNames() && !request.names().isEmpty();
        boolean byLoadBalancer = request.loadBalancerArn() != null;
        if ((byArn ? 1 : 0) + (byName ? 1 : 0) + (byLoadBalancer ? 1 : 0) > 1) {
            throw ElbErrors.validation("Target group names, target group ARNs, and a load balancer ARN cannot be "
                    + "specified at the same time");
        }
        Map<String, Set<String>> users = resources.loadBalancersByTargetGroup(state);
        List<TargetGroup> selected;
        if (byArn) {
            Set<String> arns = new HashSet<>(request.targetGroupArns());
            arns.forEach(arn -> resources.targetGroup(state, arn));
            selected = state.all(Kind.TARGET_GROUP).filter(group -> arns.contains(group.targetGroupArn())).toList();
        } else if (byName) {
            Set<String> names = new HashSet<>(request.names());
            selected = state.all(Kind.TARGET_GROUP).filter(group -> names.contains(group.name())).toList();
            if (selected.size() != names.size()) {
                throw ElbErrors.targetGroupNotFound();
            }
        } else if (byLoadBalancer) {
            ElbLoadBalancer lb = resources.loadBalancer(state, request.loadBalancerArn());
            selected = state.all(Kind.TARGET_GROUP).filter(group -> users
                    .getOrDefault(group.targetGroupArn(), Set.of()).contains(lb.loadBalancerArn())).toList();
        } else {
            selected = state.all(Kind.TARGET_GROUP).toList();
        }
        ElbPages.Page<TargetGroup> page = ElbPages.page(selected, TargetGroup::targetGroupArn, request.pageSize(),
                request.marker());
        return DescribeTargetGroupsResponse.builder()
                .targetGroups(page.items().stream().map(group -> ElbMapper.targetGroup(group,
                        users.getOrDefault(group.targetGroupArn(), Set.of()))).toList())
                .nextMarker(page.nextMarker())
                .build();
    }

    public ModifyTargetGroupResponse modifyTargetGroup(ModifyTargetGroupRequest request) {
        HealthCheckSettings changes = settings(request.healthCheckEnabled(), request.healthCheckProtocolAsString(),
                request.healthCheckPort(), request.healthCheckPath(), request.healthCheckIntervalSeconds(),
                request.healthCheckTimeoutSeconds(), request.healthyThresholdCount(), request.unhealthyThresholdCount(),
                request.matcher());
        TargetGroup modified = store.write(tx -> {
            TargetGroup group = resources.targetGroup(tx.state(), request.targetGroupArn());
            TargetGroupHealthCheck check = HealthCheckRules.modify(group.healthCheck(), group.protocol(),
                    group.targetType(), changes);
            return tx.put(Kind.TARGET_GROUP, group.withHealthCheck(check));
        });
        return ModifyTargetGroupResponse.builder()
                .targetGroups(List.of(mapper.targetGroup(store.snapshot(), modified))).build();
    }

    /** Deletes a target group and its registrations; one a listener or rule forwards to is in use. */
    public DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest request) {
        String arn = request.targetGroupArn();
        ElbResources.checkArn(arn, ElbResources.ResourceType.TARGET_GROUP);
        store.write(tx -> {
            if (tx.find(Kind.TARGET_GROUP, arn).isEmpty()) {
                return null; // already gone: ELBv2 answers success
            }
            if (!resources.loadBalancersUsing(tx.state(), arn).isEmpty()) {
                throw new ApiException(ErrorType.ELB_RESOURCE_IN_USE,
                        "Target group '" + arn + "' is currently in use by a listener or a rule");
            }
            List<Target> targets = tx.state().indexed(Kind.TARGET, arn).toList();
            targets.forEach(target -> tx.delete(Kind.TARGET, target.key()));
            tx.delete(Kind.TARGET_GROUP, arn);
            return null;
        });
        return DeleteTargetGroupResponse.builder().build();
    }

    public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(
            DescribeTargetGroupAttributesRequest request) {
        TargetGroup group = resources.targetGroup(store.snapshot(), request.targetGroupArn());
        return DescribeTargetGroupAttributesResponse.builder()
                .attributes(ElbMapper.targetGroupAttributes(group.attributes())).build();
    }

    public ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(
            ModifyTargetGroupAttributesRequest request) {
        List<AttributeChanges.Change> changes = new ArrayList<>();
        if (request.hasAttributes()) {
            request.attributes().forEach(a -> changes.add(new AttributeChanges.Change(a.key(), a.value())));
        }
        TargetGroup modified = store.write(tx -> {
            TargetGroup group = resources.targetGroup(tx.state(), request.targetGroupArn());
            return tx.put(Kind.TARGET_GROUP, group.withAttributes(TargetGroupAttributeRules.modify(group, changes)));
        });
        return ModifyTargetGroupAttributesResponse.builder()
                .attributes(ElbMapper.targetGroupAttributes(modified.attributes())).build();
    }
}

package dev.ecsd.api.elbv2;

import dev.ecsd.control.elb.TargetHealthReport;
import dev.ecsd.control.elb.TargetRegistrations;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * RegisterTargets, DeregisterTargets and DescribeTargetHealth. Registering and deregistering mean what they mean
 * for ECS services too: {@link TargetRegistrations} decides both.
 */
public final class TargetOperations {
    public static final int MAX_TARGETS_PER_GROUP = 1000;
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");

    private final StateStore store;
    private final ElbResources resources;

    TargetOperations(StateStore store, ElbResources resources) {
        this.store = store;
        this.resources = resources;
    }

    /** A target of a request: its id, its port (the group's when the request gives none) and its zone. */
    private record Requested(String id, int port, String availabilityZone) {
    }

    public RegisterTargetsResponse registerTargets(RegisterTargetsRequest request) {
        store.write(tx -> {
            TargetGroup group = resources.targetGroup(tx.state(), request.targetGroupArn());
            for (Requested target : requested(group, request.targets(), true)) {
                TargetRegistrations.register(tx, group, target.id(), target.port(), target.availabilityZone(), null);
            }
            if (TargetRegistrations.targetsOf(tx.state(), group.targetGroupArn()).size() > MAX_TARGETS_PER_GROUP) {
                throw new ApiException(ErrorType.TOO_MANY_TARGETS, "You've reached the limit on the number of targets "
                        + "per target group: " + MAX_TARGETS_PER_GROUP);
            }
            return null;
        });
        return RegisterTargetsResponse.builder().build();
    }

    public DeregisterTargetsResponse deregisterTargets(DeregisterTargetsRequest request) {
        store.write(tx -> {
            TargetGroup group = resources.targetGroup(tx.state(), request.targetGroupArn());
            for (Requested target : requested(group, request.targets(), false)) {
                TargetRegistrations.deregister(tx, group, target.id(), target.port());
            }
            return null;
        });
        return DeregisterTargetsResponse.builder().build();
    }

    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
        Snapshot state = store.snapshot();
        TargetGroup group = resources.targetGroup(state, request.targetGroupArn());
        boolean inUse = !resources.loadBalancersUsing(state, group.targetGroupArn()).isEmpty();
        Instant now = store.now();
        List<Target> registered = TargetHealthReport.listed(state, group.targetGroupArn(), now);
        List<TargetHealthDescription> descriptions = new ArrayList<>();
        if (!request.hasTargets() || request.targets().isEmpty()) {
            registered.forEach(target -> descriptions.add(TargetHealthView.of(group, inUse, target)));
        } else {
            for (TargetDescription asked : request.targets()) {
                if (asked.id() == null || asked.id().isEmpty()) {
                    throw ElbErrors.validation("A target ID must be specified");
                }
                List<Target> matching = registered.stream().filter(target -> target.id().equals(asked.id())
                        && (asked.port() == null || target.port() == asked.port())).toList();
                if (matching.isEmpty()) {
                    int port = asked.port() != null ? asked.port() : group.port() == null ? 0 : group.port();
                    descriptions.add(TargetHealthView.notRegistered(group, asked.id(), port, asked.availabilityZone()));
                }
                matching.forEach(target -> descriptions.add(TargetHealthView.of(group, inUse, target)));
            }
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(descriptions).build();
    }

    private static List<Requested> requested(TargetGroup group, List<TargetDescription> targets, boolean registering) {
        if (targets == null || targets.isEmpty()) {
            throw ElbErrors.validation("At least one target must be specified");
        }
        List<Requested> result = new ArrayList<>();
        for (TargetDescription target : targets) {
            String id = target.id();
            if (id == null || id.isEmpty()) {
                throw ElbErrors.validation("A target ID must be specified");
            }
            if (registering) {
                checkId(group, id);
            }
            Integer port = target.port() != null ? target.port() : group.port();
            if (port == null) {
                throw ElbErrors.validation("A port must be specified for target '" + id + "'");
            }
            ElbErrors.range("targets.member.port", port, 1, 65535);
            result.add(new Requested(id, port, target.availabilityZone()));
        }
        return result;
    }

    private static void checkId(TargetGroup group, String id) {
        if ("ip".equals(group.targetType())) {
            boolean ipv6Group = "ipv6".equals(group.ipAddressType());
            if (ipv6Group ? !IpAddresses.isIpv6(id) : !IpAddresses.isIpv4(id)) {
                throw new ApiException(ErrorType.INVALID_TARGET, "The IP address '" + id + "' is not a valid "
                        + (ipv6Group ? "IPv6" : "IPv4") + " address");
            }
        } else if (!INSTANCE_ID.matcher(id).matches()) {
            throw new ApiException(ErrorType.INVALID_TARGET, "Instance ID '" + id + "' is not valid");
        }
    }
}

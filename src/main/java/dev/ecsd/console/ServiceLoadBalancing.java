package dev.ecsd.console;

import dev.ecsd.control.elb.TargetGroupUsers;
import dev.ecsd.control.elb.TargetHealthReport;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Lists;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.Service;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service page's load balancing: each target group the service registers its tasks with, and its targets'
 * health as DescribeTargetHealth reports it ({@link TargetHealthReport}). Pure.
 */
public final class ServiceLoadBalancing {
    private ServiceLoadBalancing() {
    }

    /** One target group of the service; {@code found} is false when the group has been deleted. */
    public record GroupView(String name, String targetGroupArn, String container, boolean found, boolean inUse,
            List<TargetRow> targets) {
    }

    /** One registered target: its health state in ELBv2's spelling, the reason when not healthy, its task. */
    public record TargetRow(String id, int port, String zone, String state, String reason, String description,
            String taskId, String taskHref) {
    }

    static List<GroupView> of(Snapshot state, String region, String clusterName, Service service,
            Instant now) {
        List<LoadBalancer> balancers = Lists.orEmpty(service.loadBalancers());
        if (balancers.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> users = TargetGroupUsers.loadBalancersByTargetGroup(state);
        List<GroupView> groups = new ArrayList<>();
        for (LoadBalancer balancer : balancers) {
            String container = balancer.containerName() + ":" + balancer.containerPort();
            if (balancer.targetGroupArn() == null) {
                groups.add(new GroupView(balancer.loadBalancerName(), null, container, false, false, List.of()));
                continue;
            }
            TargetGroup group = state.find(Kind.TARGET_GROUP, balancer.targetGroupArn()).orElse(null);
            if (group == null) {
                groups.add(new GroupView(Arns.lastSegment(balancer.targetGroupArn()), balancer.targetGroupArn(),
                        container, false, false, List.of()));
                continue;
            }
            boolean inUse = !users.getOrDefault(group.targetGroupArn(), Set.of()).isEmpty();
            List<TargetRow> targets = TargetHealthReport.listed(state, group.targetGroupArn(), now).stream()
                    .sorted(Comparator.comparing(Target::id).thenComparing(Target::port))
                    .map(target -> row(region, clusterName, group, inUse, target))
                    .toList();
            groups.add(new GroupView(group.name(), group.targetGroupArn(), container, true, inUse, targets));
        }
        return groups;
    }

    private static TargetRow row(String region, String clusterName, TargetGroup group, boolean inUse, Target target) {
        TargetHealthReport health = TargetHealthReport.of(group, inUse, target);
        String taskId = target.taskArn() == null ? null : Arns.lastSegment(target.taskArn());
        return new TargetRow(target.id(), target.port(), target.availabilityZone(), health.state().wireName(),
                health.reason(), health.description(), taskId,
                taskId == null ? null : ConsolePaths.task(region, clusterName, taskId));
    }
}

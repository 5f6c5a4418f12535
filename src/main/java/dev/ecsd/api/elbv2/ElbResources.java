package dev.ecsd.api.elbv2;

import dev.ecsd.control.elb.TargetGroupUsers;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * The ELBv2 resources of the state as the operations see them: found by ARN (or refused as ELBv2 refuses an
 * unknown one), related to each other (a load balancer's listeners, a listener's rules, the load balancers that
 * forward to a target group), and named (ARNs, ids and DNS names).
 */
public final class ElbResources {
    /** ecsd has no VPCs: every load balancer is in this one. */
    public static final String VPC_ID = "vpc-00000000000000000";
    private static final String DNS_SUFFIX = ".elb.localhost";

    private final Arns arns;
    private final RandomGenerator random;

    public ElbResources(Arns arns, RandomGenerator random) {
        this.arns = arns;
        this.random = random;
    }

    public Arns arns() {
        return arns;
    }

    /** A new resource id: 16 hexadecimal digits, as ELBv2's. */
    String newId() {
        return HexFormat.of().toHexDigits(random.nextLong());
    }

    /** A load balancer's DNS name; it ends in {@code .localhost}, which resolves to the loopback address. */
    String newDnsName(String name, String scheme) {
        long number = 100_000_000L + Math.floorMod(random.nextLong(), 1_900_000_000L);
        String prefix = "internal".equals(scheme) ? "internal-" : "";
        return prefix + name + "-" + number + "." + arns.region() + DNS_SUFFIX;
    }

    public ElbLoadBalancer loadBalancer(Snapshot state, String arn) {
        checkArn(arn, ResourceType.LOAD_BALANCER);
        return state.find(Kind.LOAD_BALANCER, arn).orElseThrow(ElbErrors::loadBalancerNotFound);
    }

    public TargetGroup targetGroup(Snapshot state, String arn) {
        checkArn(arn, ResourceType.TARGET_GROUP);
        return state.find(Kind.TARGET_GROUP, arn).orElseThrow(ElbErrors::targetGroupNotFound);
    }

    public Listener listener(Snapshot state, String arn) {
        checkArn(arn, ResourceType.LISTENER);
        return state.find(Kind.LISTENER, arn).orElseThrow(ElbErrors::listenerNotFound);
    }

    /** A rule by ARN: a stored one, or the default rule of a listener. */
    public ElbRule rule(Snapshot state, String arn) {
        checkArn(arn, ResourceType.RULE);
        Optional<ListenerRule> stored = state.find(Kind.LISTENER_RULE, arn);
        if (stored.isPresent()) {
            return ElbRule.of(stored.get());
        }
        String resource = Arns.elbResource(arn);
        String listenerArn = arn.substring(0, arn.length() - resource.length())
                + "listener/" + resource.substring("listener-rule/".length(), resource.lastIndexOf('/'));
        return state.find(Kind.LISTENER, listenerArn)
                .filter(listener -> defaultRuleArn(listener.listenerArn()).equals(arn))
                .map(listener -> ElbRule.defaultOf(listener, arn))
                .orElseThrow(ElbErrors::ruleNotFound);
    }

    public Stream<Listener> listenersOf(Snapshot state, String loadBalancerArn) {
        return state.withKeyPrefix(Kind.LISTENER, arns.listener(loadBalancerArn, ""));
    }

    /** A listener's rules by priority, its default rule last. */
    public List<ElbRule> rulesOf(Snapshot state, Listener listener) {
        Stream<ElbRule> stored = storedRulesOf(state, listener.listenerArn())
                .sorted(Comparator.comparingInt(ListenerRule::priority)).map(ElbRule::of);
        return Stream.concat(stored, Stream.of(ElbRule.defaultOf(listener, defaultRuleArn(listener.listenerArn()))))
                .toList();
    }

    public Stream<ListenerRule> storedRulesOf(Snapshot state, String listenerArn) {
        return state.withKeyPrefix(Kind.LISTENER_RULE, arns.listenerRule(listenerArn, ""));
    }

    /** The load balancers whose listeners or rules forward to a target group, in ARN order. */
    public Set<String> loadBalancersUsing(Snapshot state, String targetGroupArn) {
        return TargetGroupUsers.loadBalancersUsing(state, targetGroupArn);
    }

    /** For every target group a listener or rule forwards to, the load balancers that do, in ARN order. */
    public Map<String, Set<String>> loadBalancersByTargetGroup(Snapshot state) {
        return TargetGroupUsers.loadBalancersByTargetGroup(state);
    }

    /** Refuses target groups that another load balancer forwards to: ELBv2 lets a group serve only one. */
    void checkAssociation(Snapshot state, String loadBalancerArn, List<String> targetGroupArns) {
        List<String> taken = targetGroupArns.stream().distinct()
                .filter(arn -> loadBalancersUsing(state, arn).stream().anyMatch(user -> !user.equals(loadBalancerArn)))
                .toList();
        if (!taken.isEmpty()) {
            throw new ApiException(ErrorType.TARGET_GROUP_ASSOCIATION_LIMIT, "The following target "
                    + "groups cannot be associated with more than one load balancer: " + String.join(", ", taken));
        }
    }

    /** The ARN of a listener's default rule: fixed by the listener's, so it needs no record of its own. */
    public String defaultRuleArn(String listenerArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("default rule of " + listenerArn).getBytes(StandardCharsets.UTF_8));
            return arns.listenerRule(listenerArn, HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The availability zone ecsd places a load balancer's n-th subnet in. */
    String zoneOf(int subnetIndex) {
        return arns.region() + (char) ('a' + subnetIndex % 6);
    }

    /** Refuses what is not an ELBv2 ARN of the given resource type, as ELBv2's request validation does. */
    static void checkArn(String arn, ResourceType type) {
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":elasticloadbalancing:")
                || !Arns.elbResource(arn).startsWith(type.prefix)) {
            throw ElbErrors.validation("'" + arn + "' is not a valid " + type.description + " ARN");
        }
    }

    /** The ELBv2 resource an ARN names, by its resource part; null when it is none of them. */
    static ResourceType typeOf(String arn) {
        if (arn == null || !arn.contains(":elasticloadbalancing:")) {
            return null;
        }
        String resource = Arns.elbResource(arn);
        for (ResourceType type : ResourceType.values()) {
            if (resource.startsWith(type.prefix)) {
                return type;
            }
        }
        return null;
    }

    /** The kinds of ELBv2 resource, as their ARNs spell them. */
    enum ResourceType {
        LOAD_BALANCER("loadbalancer/", "load balancer"),
        TARGET_GROUP("targetgroup/", "target group"),
        LISTENER("listener/", "listener"),
        RULE("listener-rule/", "rule");

        private final String prefix;
        private final String description;

        ResourceType(String prefix, String description) {
            this.prefix = prefix;
            this.description = description;
        }
    }
}

package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * AddTags, RemoveTags and DescribeTags on load balancers, target groups, listeners and rules. A listener's
 * default rule has no record of its own, so ecsd keeps no tags for it: it describes none and refuses to add any.
 */
public final class TagOperations {
    private static final int MAX_RESOURCES = 20;

    private final StateStore store;
    private final ElbResources resources;

    TagOperations(StateStore store, ElbResources resources) {
        this.store = store;
        this.resources = resources;
    }

    public AddTagsResponse addTags(AddTagsRequest request) {
        Set<String> arns = resourceArns(request.resourceArns());
        Map<String, String> added = ElbTags.read(request.tags());
        if (added.isEmpty()) {
            throw ElbErrors.validation("At least one tag must be specified");
        }
        store.write(tx -> {
            arns.forEach(arn -> retag(tx, arn, tags -> ElbTags.add(tags, added)));
            return null;
        });
        return AddTagsResponse.builder().build();
    }

    public RemoveTagsResponse removeTags(RemoveTagsRequest request) {
        Set<String> arns = resourceArns(request.resourceArns());
        List<String> keys = request.hasTagKeys() ? request.tagKeys() : List.of();
        store.write(tx -> {
            arns.forEach(arn -> retag(tx, arn, tags -> ElbTags.remove(tags, keys)));
            return null;
        });
        return RemoveTagsResponse.builder().build();
    }

    public DescribeTagsResponse describeTags(DescribeTagsRequest request) {
        Snapshot state = store.snapshot();
        List<TagDescription> descriptions = new ArrayList<>();
        for (String arn : resourceArns(request.resourceArns())) {
            descriptions.add(TagDescription.builder().resourceArn(arn).tags(ElbTags.toSdk(tagsOf(state, arn))).build());
        }
        return DescribeTagsResponse.builder().tagDescriptions(descriptions).build();
    }

    private static Set<String> resourceArns(List<String> arns) {
        if (arns == null || arns.isEmpty()) {
            throw ElbErrors.validation("At least one resource ARN must be specified");
        }
        if (arns.size() > MAX_RESOURCES) {
            throw ElbErrors.validation("1 validation error detected: Value at 'resourceArns' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_RESOURCES);
        }
        return new LinkedHashSet<>(arns);
    }

    private Map<String, String> tagsOf(Snapshot state, String arn) {
        return switch (type(arn)) {
            case LOAD_BALANCER -> resources.loadBalancer(state, arn).tags();
            case TARGET_GROUP -> resources.targetGroup(state, arn).tags();
            case LISTENER -> resources.listener(state, arn).tags();
            case RULE -> resources.rule(state, arn).tags();
        };
    }

    private void retag(Transaction tx, String arn, UnaryOperator<Map<String, String>> change) {
        Snapshot state = tx.state();
        switch (type(arn)) {
            case LOAD_BALANCER -> {
                ElbLoadBalancer lb = resources.loadBalancer(state, arn);
                tx.put(Kind.LOAD_BALANCER, lb.withTags(change.apply(lb.tags())));
            }
            case TARGET_GROUP -> {
                TargetGroup group = resources.targetGroup(state, arn);
                tx.put(Kind.TARGET_GROUP, group.withTags(change.apply(group.tags())));
            }
            case LISTENER -> {
                Listener listener = resources.listener(state, arn);
                tx.put(Kind.LISTENER, listener.withTags(change.apply(listener.tags())));
            }
            case RULE -> {
                ElbRule rule = resources.rule(state, arn);
                if (rule.isDefault()) {
                    throw ElbErrors.validation("ecsd keeps no tags for a listener's default rule '" + arn + "'");
                }
                ListenerRule stored = tx.find(Kind.LISTENER_RULE, arn).orElseThrow();
                tx.put(Kind.LISTENER_RULE, stored.withTags(change.apply(stored.tags())));
            }
        }
    }

    private static ElbResources.ResourceType type(String arn) {
        ElbResources.ResourceType type = ElbResources.typeOf(arn);
        if (type == null) {
            throw ElbErrors.validation("'" + arn + "' is not a valid load balancer, target group, listener or rule "
                    + "ARN");
        }
        return type;
    }
}

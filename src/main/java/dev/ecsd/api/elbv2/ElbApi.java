package dev.ecsd.api.elbv2;

import dev.ecsd.model.Arns;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.QueryService;
import dev.ecsd.state.StateStore;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;

/** The Elastic Load Balancing (v2) API on the shared endpoint, spoken in the Query protocol: its operation table. */
public final class ElbApi {
    public static final String SIGNING_NAME = "elasticloadbalancing";
    public static final String API_VERSION = "2015-12-01";
    public static final String XML_NAMESPACE = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    private ElbApi() {
    }

    /** The service, taking every listener port; ids come from {@code random}. */
    public static QueryService service(StateStore store, Arns arns, RandomGenerator random) {
        return service(store, arns, random, ListenerPorts.ANY);
    }

    /**
     * The service; ids and DNS names come from {@code random}, and {@code ports} says whether a listener can serve
     * a port before CreateListener or ModifyListener stores it there.
     */
    public static QueryService service(StateStore store, Arns arns, RandomGenerator random, ListenerPorts ports) {
        ElbResources resources = new ElbResources(arns, random);
        ElbMapper mapper = new ElbMapper(resources);
        LoadBalancerOperations loadBalancers = new LoadBalancerOperations(store, resources, mapper);
        TargetGroupOperations targetGroups = new TargetGroupOperations(store, resources, mapper);
        TargetOperations targets = new TargetOperations(store, resources);
        ListenerOperations listeners = new ListenerOperations(store, resources, ports);
        RuleOperations rules = new RuleOperations(store, resources);
        TagOperations tags = new TagOperations(store, resources);
        return QueryService.builder(SIGNING_NAME, API_VERSION, XML_NAMESPACE, ElasticLoadBalancingV2Client.class)
                .add(JsonOperation.of("CreateLoadBalancer", CreateLoadBalancerRequest::builder,
                        loadBalancers::createLoadBalancer, "Name"))
                .add(JsonOperation.of("DescribeLoadBalancers", DescribeLoadBalancersRequest::builder,
                        loadBalancers::describeLoadBalancers))
                .add(JsonOperation.of("DeleteLoadBalancer", DeleteLoadBalancerRequest::builder,
                        loadBalancers::deleteLoadBalancer, "LoadBalancerArn"))
                .add(JsonOperation.of("DescribeLoadBalancerAttributes", DescribeLoadBalancerAttributesRequest::builder,
                        loadBalancers::describeLoadBalancerAttributes, "LoadBalancerArn"))
                .add(JsonOperation.of("ModifyLoadBalancerAttributes", ModifyLoadBalancerAttributesRequest::builder,
                        loadBalancers::modifyLoadBalancerAttributes, "LoadBalancerArn", "Attributes"))
                .add(JsonOperation.of("CreateTargetGroup", CreateTargetGroupRequest::builder,
                        targetGroups::createTargetGroup, "Name"))
                .add(JsonOperation.of("DescribeTargetGroups", DescribeTargetGroupsRequest::builder,
                        targetGroups::describeTargetGroups))
                .add(JsonOperation.of("ModifyTargetGroup", ModifyTargetGroupRequest::builder,
                        targetGroups::modifyTargetGroup, "TargetGroupArn"))
                .add(JsonOperation.of("DeleteTargetGroup", DeleteTargetGroupRequest::builder,
                        targetGroups::deleteTargetGroup, "TargetGroupArn"))
                .add(JsonOperation.of("DescribeTargetGroupAttributes", DescribeTargetGroupAttributesRequest::builder,
                        targetGroups::describeTargetGroupAttributes, "TargetGroupArn"))
                .add(JsonOperation.of("ModifyTargetGroupAttributes", ModifyTargetGroupAttributesRequest::builder,
                        targetGroups::modifyTargetGroupAttributes, "TargetGroupArn", "Attributes"))
                .add(JsonOperation.of("RegisterTargets", RegisterTargetsRequest::builder, targets::registerTargets,
                        "TargetGroupArn", "Targets"))
                .add(JsonOperation.of("DeregisterTargets", DeregisterTargetsRequest::builder,
                        targets::deregisterTargets, "TargetGroupArn", "Targets"))
                .add(JsonOperation.of("DescribeTargetHealth", DescribeTargetHealthRequest::builder,
                        targets::describeTargetHealth, "TargetGroupArn"))
                .add(JsonOperation.of("CreateListener", CreateListenerRequest::builder, listeners::createListener,
                        "LoadBalancerArn", "DefaultActions"))
                .add(JsonOperation.of("DescribeListeners", DescribeListenersRequest::builder,
                        listeners::describeListeners))
                .add(JsonOperation.of("ModifyListener", ModifyListenerRequest::builder, listeners::modifyListener,
                        "ListenerArn"))
                .add(JsonOperation.of("DeleteListener", DeleteListenerRequest::builder, listeners::deleteListener,
                        "ListenerArn"))
                .add(JsonOperation.of("CreateRule", CreateRuleRequest::builder, rules::createRule,
                        "ListenerArn", "Conditions", "Priority", "Actions"))
                .add(JsonOperation.of("DescribeRules", DescribeRulesRequest::builder, rules::describeRules))
                .add(JsonOperation.of("ModifyRule", ModifyRuleRequest::builder, rules::modifyRule, "RuleArn"))
                .add(JsonOperation.of("DeleteRule", DeleteRuleRequest::builder, rules::deleteRule, "RuleArn"))
                .add(JsonOperation.of("SetRulePriorities", SetRulePrioritiesRequest::builder,
                        rules::setRulePriorities, "RulePriorities"))
                .add(JsonOperation.of("AddTags", AddTagsRequest::builder, tags::addTags, "ResourceArns", "Tags"))
                .add(JsonOperation.of("RemoveTags", RemoveTagsRequest::builder, tags::removeTags,
                        "ResourceArns", "TagKeys"))
                .add(JsonOperation.of("DescribeTags", DescribeTagsRequest::builder, tags::describeTags,
                        "ResourceArns"))
                .build();
    }
}

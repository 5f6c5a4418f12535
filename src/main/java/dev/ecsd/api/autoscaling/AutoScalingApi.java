package dev.ecsd.api.autoscaling;

import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.model.Arns;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.state.StateStore;
import java.util.function.Supplier;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeleteScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DeregisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScheduledActionsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScheduledActionRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.TagResourceRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.UntagResourceRequest;

/**
 * Application Auto Scaling on the shared endpoint (AWS JSON 1.1, {@code AnyScaleFrontendService}), for ECS
 * services' desired count. Required members are checked by the operations, which answer ValidationException as the
 * service does.
 */
public final class AutoScalingApi {
    public static final String SIGNING_NAME = "application-autoscaling";
    public static final String TARGET_PREFIX = "AnyScaleFrontendService";

    private AutoScalingApi() {
    }

    public static ServiceProtocols service(StateStore store, Arns ecsArns, ServiceScaling scaling,
            Supplier<String> ids) {
        AutoScalingArns arns = new AutoScalingArns(ecsArns);
        ScalableTargetOperations targets = new ScalableTargetOperations(store, scaling, arns, ids);
        ScalingPolicyOperations policies = new ScalingPolicyOperations(store, scaling, arns, ids);
        ScheduledActionOperations scheduled = new ScheduledActionOperations(store, scaling, arns, ids);
        ScalingActivityOperations activities = new ScalingActivityOperations(store, scaling);
        AutoScalingTagOperations tags = new AutoScalingTagOperations(store);
        return ServiceProtocols.builder(SIGNING_NAME, ApplicationAutoScalingClient.class)
                .awsJson(TARGET_PREFIX)
                .add(JsonOperation.of("RegisterScalableTarget", RegisterScalableTargetRequest::builder,
                        targets::registerScalableTarget))
                .add(JsonOperation.of("DeregisterScalableTarget", DeregisterScalableTargetRequest::builder,
                        targets::deregisterScalableTarget))
                .add(JsonOperation.of("DescribeScalableTargets", DescribeScalableTargetsRequest::builder,
                        targets::describeScalableTargets))
                .add(JsonOperation.of("PutScalingPolicy", PutScalingPolicyRequest::builder,
                        policies::putScalingPolicy))
                .add(JsonOperation.of("DescribeScalingPolicies", DescribeScalingPoliciesRequest::builder,
                        policies::describeScalingPolicies))
                .add(JsonOperation.of("DeleteScalingPolicy", DeleteScalingPolicyRequest::builder,
                        policies::deleteScalingPolicy))
                .add(JsonOperation.of("DescribeScalingActivities", DescribeScalingActivitiesRequest::builder,
                        activities::describeScalingActivities))
                .add(JsonOperation.of("PutScheduledAction", PutScheduledActionRequest::builder,
                        scheduled::putScheduledAction))
                .add(JsonOperation.of("DescribeScheduledActions", DescribeScheduledActionsRequest::builder,
                        scheduled::describeScheduledActions))
                .add(JsonOperation.of("DeleteScheduledAction", DeleteScheduledActionRequest::builder,
                        scheduled::deleteScheduledAction))
                .add(JsonOperation.of("TagResource", TagResourceRequest::builder, tags::tagResource))
                .add(JsonOperation.of("UntagResource", UntagResourceRequest::builder, tags::untagResource))
                .add(JsonOperation.of("ListTagsForResource", ListTagsForResourceRequest::builder,
                        tags::listTagsForResource))
                .build();
    }
}

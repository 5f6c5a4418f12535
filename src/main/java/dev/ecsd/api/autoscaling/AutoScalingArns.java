package dev.ecsd.api.autoscaling;

import dev.ecsd.model.Arns;

/** The ARNs Application Auto Scaling gives its resources. */
record AutoScalingArns(Arns arns) {

    /** {@code arn:aws:application-autoscaling:<region>:<account>:scalable-target/<id>}. */
    String scalableTarget(String id) {
        return "arn:" + Arns.PARTITION + ":application-autoscaling:" + arns.region() + ":" + arns.accountId()
                + ":scalable-target/" + id;
    }

    /** {@code arn:aws:autoscaling:<region>:<account>:scalingPolicy:<uuid>:resource/ecs/<resourceId>:policyName/<n>}. */
    String scalingPolicy(String uuid, String namespace, String resourceId, String policyName) {
        return autoscaling("scalingPolicy:" + uuid + ":resource/" + namespace + "/" + resourceId + ":policyName/"
                + policyName);
    }

    String scheduledAction(String uuid, String namespace, String resourceId, String actionName) {
        return autoscaling("scheduledAction:" + uuid + ":resource/" + namespace + "/" + resourceId
                + ":scheduledActionName/" + actionName);
    }

    /** The role Application Auto Scaling uses for ECS services when RegisterScalableTarget names none. */
    String ecsServiceLinkedRole() {
        return "arn:" + Arns.PARTITION + ":iam::" + arns.accountId() + ":role/aws-service-role/"
                + "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService";
    }

    private String autoscaling(String resource) {
        return "arn:" + Arns.PARTITION + ":autoscaling:" + arns.region() + ":" + arns.accountId() + ":" + resource;
    }
}

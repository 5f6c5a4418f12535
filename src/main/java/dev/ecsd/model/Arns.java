package dev.ecsd.model;

import java.util.Optional;

/** Builds and reads the ARNs of one account in one region, in ECS's long format. */
public record Arns(String region, String accountId) {
    public static final String PARTITION = "aws";

    public String cluster(String clusterName) {
        return ecs("cluster/" + clusterName);
    }

    public String taskDefinition(String family, int revision) {
        return ecs("task-definition/" + family + ":" + revision);
    }

    public String task(String clusterName, String taskId) {
        return ecs("task/" + clusterName + "/" + taskId);
    }

    public String service(String clusterName, String serviceName) {
        return ecs("service/" + clusterName + "/" + serviceName);
    }

    /** A container of a task, in the new ARN format: {@code container/<cluster>/<task id>/<uuid>}. */
    public String ecsContainer(String clusterName, String taskId, String id) {
        return ecs("container/" + clusterName + "/" + taskId + "/" + id);
    }

    public String containerInstance(String clusterName, String id) {
        return ecs("container-instance/" + clusterName + "/" + id);
    }

    public String capacityProvider(String name) {
        return ecs("capacity-provider/" + name);
    }

    public String taskSet(String clusterName, String serviceName, String id) {
        return ecs("task-set/" + clusterName + "/" + serviceName + "/" + id);
    }

    public String serviceDeployment(String clusterName, String serviceName, String id) {
        return ecs("service-deployment/" + clusterName + "/" + serviceName + "/" + id);
    }

    public String logGroup(String name) {
        return "arn:" + PARTITION + ":logs:" + region + ":" + accountId + ":log-group:" + name;
    }

    public String logStream(String groupName, String streamName) {
        return logGroup(groupName) + ":log-stream:" + streamName;
    }

    /** The log group an ARN of this account and region names, with or without the trailing {@code :*}. */
    public Optional<String> logGroupName(String arn) {
        String prefix = logGroup("");
        if (arn == null || !arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = arn.substring(prefix.length());
        return Optional.of(name.endsWith(":*") ? name.substring(0, name.length() - 2) : name);
    }

    /** An ELBv2 load balancer: {@code loadbalancer/app/<name>/<id>} ({@code net/} for a network load balancer). */
    public String loadBalancer(String typePrefix, String name, String id) {
        return elb("loadbalancer/" + typePrefix + "/" + name + "/" + id);
    }

    public String targetGroup(String name, String id) {
        return elb("targetgroup/" + name + "/" + id);
    }

    /** A listener: the load balancer's resource path, then the listener's id. */
    public String listener(String loadBalancerArn, String id) {
        return elb("listener/" + elbResource(loadBalancerArn).substring("loadbalancer/".length()) + "/" + id);
    }

    /** A rule: the listener's resource path, then the rule's id. */
    public String listenerRule(String listenerArn, String id) {
        return elb("listener-rule/" + elbResource(listenerArn).substring("listener/".length()) + "/" + id);
    }

    /** The resource part of an ELBv2 ARN ({@code targetgroup/web/0123…}); the ARN itself when it is not one. */
    public static String elbResource(String arn) {
        int start = arn.indexOf(':', arn.indexOf(":elasticloadbalancing:") + ":elasticloadbalancing:".length());
        start = arn.indexOf(':', start + 1);
        return start < 0 ? arn : arn.substring(start + 1);
    }

    private String elb(String resource) {
        return "arn:" + PARTITION + ":elasticloadbalancing:" + region + ":" + accountId + ":" + resource;
    }

    /** The service-linked role ECS uses for services. */
    public String ecsServiceLinkedRole() {
        return "arn:" + PARTITION + ":iam::" + accountId + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
    }

    public String rootPrincipal() {
        return "arn:" + PARTITION + ":iam::" + accountId + ":root";
    }

    private String ecs(String resource) {
        return "arn:" + PARTITION + ":ecs:" + region + ":" + accountId + ":" + resource;
    }

    /** The resource part of an ECS ARN of this account and region ({@code cluster/name}), if it is one. */
    public Optional<String> ecsResource(String arn) {
        String prefix = "arn:" + PARTITION + ":ecs:" + region + ":" + accountId + ":";
        return arn != null && arn.startsWith(prefix) ? Optional.of(arn.substring(prefix.length())) : Optional.empty();
    }

    /** A CloudWatch alarm's ARN: {@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>}. */
    public String cloudWatchAlarm(String alarmName) {
        return "arn:" + PARTITION + ":cloudwatch:" + region + ":" + accountId + ":alarm:" + alarmName;
    }

    public static boolean isArn(String value) {
        return value != null && value.startsWith("arn:");
    }

    /** The last path segment of an ARN's resource: the id of a task, the name of a cluster or service. */
    public static String lastSegment(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}

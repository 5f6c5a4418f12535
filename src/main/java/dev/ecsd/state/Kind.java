package dev.ecsd.state;

import dev.ecsd.model.AccountSetting;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionFamily;
import dev.ecsd.model.TaskProtection;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.ScheduledAction;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmHistoryItem;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.ssm.Parameter;
import java.util.List;
import java.util.function.Function;

/** A table of the state: the record type it holds and how a record is keyed. */
public final class Kind<T> {
    public static final Kind<Cluster> CLUSTER = new Kind<>("cluster", Cluster.class, Cluster::clusterArn);
    public static final Kind<TaskDefinition> TASK_DEFINITION =
            new Kind<>("task_definition", TaskDefinition.class, TaskDefinition::taskDefinitionArn);
    public static final Kind<TaskDefinitionFamily> TASK_DEFINITION_FAMILY =
            new Kind<>("task_definition_family", TaskDefinitionFamily.class, TaskDefinitionFamily::family);

    /** Tasks, indexed by cluster and group: a service's tasks are those of its cluster in group "service:name". */
    public static final Kind<Task> TASK = new Kind<>("task", Task.class, Task::taskArn,
            task -> task.group() == null ? List.of() : List.of(groupKey(task.clusterArn(), task.group())));
    public static final Kind<Service> SERVICE = new Kind<>("service", Service.class, Service::serviceArn);

    public static final Kind<ElbLoadBalancer> LOAD_BALANCER =
            new Kind<>("elb_load_balancer", ElbLoadBalancer.class, ElbLoadBalancer::loadBalancerArn);
    public static final Kind<TargetGroup> TARGET_GROUP =
            new Kind<>("elb_target_group", TargetGroup.class, TargetGroup::targetGroupArn);
    public static final Kind<Listener> LISTENER = new Kind<>("elb_listener", Listener.class, Listener::listenerArn);
    public static final Kind<ListenerRule> LISTENER_RULE =
            new Kind<>("elb_listener_rule", ListenerRule.class, ListenerRule::ruleArn);
    /** Registered targets, indexed by their target group, and by the task they belong to ({@link #taskTargetsKey}). */
    public static final Kind<Target> TARGET = new Kind<>("elb_target", Target.class, Target::key,
            target -> target.taskArn() == null ? List.of(target.targetGroupArn())
                    : List.of(target.targetGroupArn(), taskTargetsKey(target.taskArn())));

    /** CloudWatch metric alarms, keyed by ARN. */
    public static final Kind<MetricAlarm> METRIC_ALARM =
            new Kind<>("cw_metric_alarm", MetricAlarm.class, MetricAlarm::alarmArn);
    /** Alarm actions waiting to be carried out, indexed by the action's ARN (a scaling policy's, say). */
    public static final Kind<AlarmActionInvocation> ALARM_ACTION_INVOCATION = new Kind<>("cw_alarm_action",
            AlarmActionInvocation.class, AlarmActionInvocation::key, invocation -> List.of(invocation.actionArn()));

    /** Application Auto Scaling's scalable targets, keyed by namespace, resource id and dimension. */
    public static final Kind<ScalableTarget> SCALABLE_TARGET =
            new Kind<>("aas_scalable_target", ScalableTarget.class, ScalableTarget::key);
    /** Scaling policies, keyed by ARN, indexed by their scalable target's key. */
    public static final Kind<ScalingPolicy> SCALING_POLICY = new Kind<>("aas_scaling_policy", ScalingPolicy.class,
            ScalingPolicy::policyArn, policy -> List.of(policy.targetKey()));
    /** Scheduled actions, keyed by ARN, indexed by their scalable target's key. */
    public static final Kind<ScheduledAction> SCHEDULED_ACTION = new Kind<>("aas_scheduled_action",
            ScheduledAction.class, ScheduledAction::scheduledActionArn, action -> List.of(action.targetKey()));
    /** Scaling activities, keyed by id, indexed by their scalable target's key. */
    public static final Kind<ScalingActivity> SCALING_ACTIVITY = new Kind<>("aas_scaling_activity",
            ScalingActivity.class, ScalingActivity::activityId, activity -> List.of(activity.targetKey()));

    /** CloudWatch alarm history items, indexed by the alarm's ARN; kept after the alarm is deleted, for 30 days. */
    public static final Kind<AlarmHistoryItem> ALARM_HISTORY = new Kind<>("cw_alarm_history", AlarmHistoryItem.class,
            AlarmHistoryItem::id, item -> List.of(item.alarmArn()));

    /** SSM Parameter Store parameters with all their versions, keyed by {@link Parameter#key(String)}. */
    public static final Kind<Parameter> SSM_PARAMETER = new Kind<>("ssm_parameter", Parameter.class, Parameter::key);
    /** Secrets Manager secrets, keyed by ARN; their values are sealed. */
    public static final Kind<Secret> SECRET = new Kind<>("sm_secret", Secret.class, Secret::arn);

    /** Scale-in protections of service tasks, keyed by the task's ARN. */
    public static final Kind<TaskProtection> TASK_PROTECTION = new Kind<>("ecs_task_protection", TaskProtection.class,
            TaskProtection::taskArn);
    /** ECS account settings, keyed by principal ARN and setting name ({@link AccountSetting#key()}). */
    public static final Kind<AccountSetting> ACCOUNT_SETTING =
            new Kind<>("ecs_account_setting", AccountSetting.class, AccountSetting::key);

    /** Service revisions (each deployment's frozen spec), keyed by ARN, indexed by their service's ARN. */
    public static final Kind<ServiceRevision> SERVICE_REVISION = new Kind<>("ecs_service_revision",
            ServiceRevision.class, ServiceRevision::serviceRevisionArn, revision -> List.of(revision.serviceArn()));
    /** Service deployments (a service's deployment history), keyed by ARN, indexed by their service's ARN. */
    public static final Kind<ServiceDeployment> SERVICE_DEPLOYMENT = new Kind<>("ecs_service_deployment",
            ServiceDeployment.class, ServiceDeployment::serviceDeploymentArn,
            deployment -> List.of(deployment.serviceArn()));

    /** ECR repositories, keyed by name. */
    public static final Kind<Repository> ECR_REPOSITORY =
            new Kind<>("ecr_repository", Repository.class, Repository::repositoryName);
    /** ECR images, keyed by repository name and digest ({@link Image#key()}), indexed by their repository's name. */
    public static final Kind<Image> ECR_IMAGE = new Kind<>("ecr_image", Image.class, Image::key,
            image -> List.of(image.repositoryName()));

    /** Every kind, in the order they are loaded. */
    public static final List<Kind<?>> ALL = List.of(CLUSTER, TASK_DEFINITION, TASK_DEFINITION_FAMILY, TASK, SERVICE,
            LOAD_BALANCER, TARGET_GROUP, LISTENER, LISTENER_RULE, TARGET, METRIC_ALARM, ALARM_ACTION_INVOCATION,
            ALARM_HISTORY, SCALABLE_TARGET, SCALING_POLICY, SCHEDULED_ACTION, SCALING_ACTIVITY, SSM_PARAMETER, SECRET,
            TASK_PROTECTION, ACCOUNT_SETTING, SERVICE_REVISION, SERVICE_DEPLOYMENT, ECR_REPOSITORY, ECR_IMAGE);

    private final String name;
    private final Class<T> type;
    private final Function<T, String> key;
    private final Function<T, List<String>> indexKeys;

    private Kind(String name, Class<T> type, Function<T, String> key) {
        this(name, type, key, null);
    }

    private Kind(String name, Class<T> type, Function<T, String> key, Function<T, List<String>> indexKeys) {
        this.name = name;
        this.type = type;
        this.key = key;
        this.indexKeys = indexKeys;
    }

    /** The index key of the targets a task is registered as (a target group's ARN never starts so). */
    public static String taskTargetsKey(String taskArn) {
        return "task " + taskArn;
    }

    /** The key of a task group's index entry. */
    public static String groupKey(String clusterArn, String group) {
        return clusterArn + " " + group;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public String keyOf(T value) {
        return key.apply(value);
    }

    /** The keys under which a record is indexed: none when this kind has no index or the record is not in it. */
    List<String> indexKeysOf(Object value) {
        return indexKeys == null || value == null ? List.of() : indexKeys.apply(type.cast(value));
    }

    boolean isIndexed() {
        return indexKeys != null;
    }

    public static Kind<?> named(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown kind " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.ecsd.control.autoscaling;

import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.autoscaling.PolicyAlarm;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.ScheduledAction;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.model.cloudwatch.MetricKey;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.StoreBackend;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ECS service under Application Auto Scaling on virtual time, with the controller on a manual runtime, and a
 * stand-in for alarm evaluation that writes alarm states and {@link AlarmActionInvocation}s each minute as the alarm
 * controller would (a scaling policy's action is invoked every period its alarm stays in ALARM).
 */
final class AutoScalingWorld implements AutoCloseable {
    static final Arns ARNS = new Arns("us-east-1", "000000000000");
    static final String RESOURCE = "service/my-cluster/web-service";
    static final String SERVICE_ARN = ARNS.service("my-cluster", "web-service");
    static final MetricKey CPU = MetricKey.of("AWS/ECS", "CPUUtilization",
            Map.of("ClusterName", "my-cluster", "ServiceName", "web-service"));
    static final MetricKey MEMORY = MetricKey.of("AWS/ECS", "MemoryUtilization",
            Map.of("ClusterName", "my-cluster", "ServiceName", "web-service"));

    final VirtualTimer timer;
    final StateStore store;
    final ControllerRuntime runtime;
    private final AtomicInteger ids = new AtomicInteger();
    /** The newest data point of each metric, per minute; what the alarms see. */
    private final Map<MetricKey, Double> load = new HashMap<>();
    private final Map<String, Deque<Double>> seen = new HashMap<>();

    AutoScalingWorld(VirtualTimer timer, StoreBackend backend) {
        this.timer = timer;
        this.store = StateStore.open(backend, timer);
        this.runtime = ControllerRuntime.manual(timer);
        ServiceScaling scaling = new ServiceScaling(ARNS, new ServiceCommands(store, () -> 7L),
                () -> "id-" + ids.incrementAndGet() + "-" + timer.instant().toEpochMilli());
        new AutoScalingController(store, scaling, runtime);
    }

    /** The service at {@code desired}, its deployment COMPLETED; the target between min and max. */
    void service(int desired, int min, int max) {
        store.write(tx -> {
            tx.put(Kind.SERVICE, new Service.Builder().serviceArn(SERVICE_ARN).serviceName("web-service")
                    .clusterArn(ARNS.cluster("my-cluster")).status(ServiceStatus.ACTIVE).desiredCount(desired)
                    .launchType("FARGATE").taskDefinition(ARNS.taskDefinition("web", 1)).schedulingStrategy("REPLICA")
                    .deploymentController("ECS").propagateTags("NONE").createdAt(tx.now())
                    .deployments(List.of(deployment(RolloutState.COMPLETED, tx.now()))).events(List.of()).build());
            return tx.put(Kind.SCALABLE_TARGET, new ScalableTarget("ecs", RESOURCE, "ecs:service:DesiredCount", min,
                    max, "role", null, tx.now(), "arn:target", null, null));
        });
    }

    void rollout(RolloutState state) {
        store.write(tx -> tx.put(Kind.SERVICE, tx.find(Kind.SERVICE, SERVICE_ARN).orElseThrow().toBuilder()
                .deployments(List.of(deployment(state, tx.now()))).build()));
    }

    private static Deployment deployment(RolloutState state, Instant now) {
        return new Deployment("ecs-svc/1", DeploymentStatus.PRIMARY, ARNS.taskDefinition("web", 1), 2, 0, now, now,
                "FARGATE", null, "LATEST", null, state, "ECS deployment ecs-svc/1");
    }

    /** A target tracking policy on a predefined metric, with its alarms, as PutScalingPolicy writes them. */
    ScalingPolicy trackingPolicy(String name, String metricType, double target, int outCooldown, int inCooldown) {
        return store.write(tx -> {
            String arn = "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:" + name
                    + ":resource/ecs/" + RESOURCE + ":policyName/" + name;
            ScalingPolicy policy = new ScalingPolicy(arn, name, "ecs", RESOURCE, "ecs:service:DesiredCount",
                    ScalingPolicy.TARGET_TRACKING, new TargetTrackingConfiguration(target, metricType, null, null,
                            outCooldown, inCooldown, false), null, List.of(), tx.now());
            List<MetricAlarm> alarms = TargetTrackingAlarms.alarms(ARNS, policy,
                    TargetTrackingAlarms.name(RESOURCE, true, name + "-h"),
                    TargetTrackingAlarms.name(RESOURCE, false, name + "-l"), Map.of(), tx.now());
            alarms.forEach(alarm -> tx.put(Kind.METRIC_ALARM, alarm));
            return tx.put(Kind.SCALING_POLICY, new ScalingPolicy(arn, name, "ecs", RESOURCE,
                    "ecs:service:DesiredCount", ScalingPolicy.TARGET_TRACKING, policy.targetTracking(), null,
                    alarms.stream().map(a -> new PolicyAlarm(a.alarmName(), a.alarmArn())).toList(), tx.now()));
        });
    }

    void scheduledAction(String name, String schedule, Integer min, Integer max) {
        store.write(tx -> tx.put(Kind.SCHEDULED_ACTION, new ScheduledAction("arn:scheduled:" + name, name, "ecs",
                RESOURCE, "ecs:service:DesiredCount", schedule, null, null, null, min, max, tx.now(), null)));
    }

    void load(MetricKey metric, double value) {
        load.put(metric, value);
    }

    /**
     * One minute passes: every alarm evaluates its last N data points (all breaching: ALARM, else OK), and an alarm
     * in ALARM invokes its actions for the period; then the controllers run.
     */
    void minute() {
        timer.advance(Duration.ofMinutes(1));
        Instant periodEnd = timer.instant();
        store.write(tx -> {
            for (MetricAlarm alarm : tx.state().all(Kind.METRIC_ALARM).toList()) {
                var definition = alarm.definition();
                Double value = load.get(definition.metric());
                Deque<Double> values = seen.computeIfAbsent(alarm.alarmArn(), k -> new ArrayDeque<>());
                values.addLast(value);
                while (values.size() > definition.evaluationPeriods()) {
                    values.removeFirst();
                }
                boolean breaching = values.size() == definition.evaluationPeriods() && values.stream().allMatch(v ->
                        v != null && (definition.comparisonOperator().equals("GreaterThanThreshold")
                                ? v > definition.threshold() : v < definition.threshold()));
                AlarmState state = breaching ? AlarmState.ALARM : AlarmState.OK;
                tx.put(Kind.METRIC_ALARM, alarm.withStatus(new AlarmStatus(state, "test", null, periodEnd,
                        periodEnd, periodEnd)));
                if (breaching) {
                    for (String action : definition.alarmActions()) {
                        tx.put(Kind.ALARM_ACTION_INVOCATION, invocation(action, alarm, value, periodEnd));
                    }
                }
            }
            return null;
        });
        runtime.runUntilIdle();
    }

    static AlarmActionInvocation invocation(String action, MetricAlarm alarm, Double value, Instant periodEnd) {
        return new AlarmActionInvocation(action, alarm.alarmArn(), alarm.alarmName(), AlarmState.ALARM, value,
                alarm.definition().threshold(), alarm.definition().comparisonOperator(), periodEnd, periodEnd);
    }

    void minutes(int count) {
        for (int i = 0; i < count; i++) {
            minute();
        }
    }

    int desired() {
        return store.snapshot().find(Kind.SERVICE, SERVICE_ARN).orElseThrow().desiredCount();
    }

    ScalableTarget target() {
        return store.snapshot().find(Kind.SCALABLE_TARGET, ScalableTarget.key("ecs", RESOURCE,
                "ecs:service:DesiredCount")).orElseThrow();
    }

    /** Activities oldest first. */
    List<ScalingActivity> activities() {
        return store.snapshot().all(Kind.SCALING_ACTIVITY)
                .sorted(Comparator.comparing(ScalingActivity::startTime)).toList();
    }

    MetricAlarm alarm(ScalingPolicy policy, boolean high) {
        return policy.alarms().stream().filter(a -> a.alarmName().contains(high ? "-AlarmHigh-" : "-AlarmLow-"))
                .map(a -> store.snapshot().find(Kind.METRIC_ALARM, a.alarmArn()).orElseThrow()).findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        runtime.close();
        store.close();
    }
}

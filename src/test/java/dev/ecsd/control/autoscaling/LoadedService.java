package dev.ecsd.control.autoscaling;

import dev.ecsd.testing.ClockedClients;
import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A service under a scripted load on a {@link Scenario} whose server keeps its metrics in its own SQLite store, with
 * SDK clients of CloudWatch and Application Auto Scaling signing at its virtual time, and the steps and reads the
 * autoscaling scenario tests share. The service is the seed's: my-cluster/web-service, tasks of cpu 256 and 512 MiB.
 *
 * <p>Time moves a sampling round (15 s) at a time, and to the alarms' evaluation 6 s into each minute; the scenario
 * starts on a minute, so the publisher writes each minute at its end, and the alarms evaluate it 6 s later. A count
 * read at the end of minute k shows what the evaluations up to k-1 min 6 s did.
 */
final class LoadedService implements AutoCloseable {
    static final String IMAGE = "registry.example/web:1";
    static final String BROKEN_IMAGE = "registry.example/web:broken";
    static final String RESOURCE = "service/my-cluster/web-service";
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);
    /** Alarms evaluate a tenth of the metric period after its end, when its data has been published. */
    static final Duration ALARM_DELAY = Duration.ofSeconds(6);
    /** A quarter of a core is all of a 256-unit task: 22.5 % of a core is 90 % of the task's CPU. */
    static final double NINETY_PERCENT_OF_TASK = 22.5;
    static final double TEN_PERCENT_OF_TASK = 2.5;
    static final long HALF_OF_TASK_MEMORY = 256L << 20;

    final Scenario scenario = Scenario.withServerMetricStore();
    final CloudWatchClient cloudWatch = ClockedClients.cloudWatch(scenario.server.endpoint(), scenario.clock);
    final ApplicationAutoScalingClient scaling = ClockedClients.autoScaling(scenario.server.endpoint(),
            scenario.clock);

    @Override
    public void close() {
        cloudWatch.close();
        scaling.close();
        scenario.close();
    }

    /** Lets {@code minutes} minutes pass a sampling round at a time; answers the desired count at each minute's end. */
    List<Integer> desiredCountsOverMinutes(int minutes) {
        List<Integer> counts = new ArrayList<>();
        for (int minute = 0; minute < minutes; minute++) {
            // the alarms' evaluation 6 s into the minute runs at its time, not at the next sampling round
            scenario.advance(ALARM_DELAY);
            for (int round = 0; round < 4; round++) {
                long rounds = scenario.server.server().agent().usageSamplingRounds();
                scenario.advance(round == 0 ? SAMPLE_EVERY.minus(ALARM_DELAY) : SAMPLE_EVERY);
                scenario.await("a sampling round", () -> scenario.server.server().agent().usageSamplingRounds(),
                        done -> done > rounds);
            }
            counts.add(desiredCount());
        }
        return counts;
    }

    /** Lets {@code minutes} minutes pass as {@link #desiredCountsOverMinutes}, while the service may not exist. */
    void minutes(int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            scenario.advance(ALARM_DELAY);
            scenario.advance(SAMPLE_EVERY.minus(ALARM_DELAY));
            scenario.advance(SAMPLE_EVERY.multipliedBy(3));
        }
    }

    List<String> runningTasks() {
        return scenario.ecs.listTasks(r -> r.cluster("my-cluster")
                .desiredStatus(DesiredStatus.RUNNING)).taskArns();
    }

    void load(double cpuPercentOfOneCore, long memoryBytes) {
        scenario.runtime.setLoad(spec -> spec.image().startsWith("registry.example/web"), cpuPercentOfOneCore,
                memoryBytes);
    }

    String registerTaskDefinition(String image) {
        return scenario.ecs.registerTaskDefinition(r -> r.family("web-app")
                .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).essential(true).build()))
                .taskDefinition().taskDefinitionArn();
    }

    String startService(int desired) {
        scenario.ecs.createCluster(r -> r.clusterName("my-cluster"));
        String definition = registerTaskDefinition(IMAGE);
        scenario.ecs.createService(r -> r.cluster("my-cluster").serviceName("web-service").taskDefinition(definition)
                .desiredCount(desired).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
        scenario.await(desired + " tasks running", this::runningCount, running -> running == desired);
        return definition;
    }

    void register(int min, int max) {
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(min).maxCapacity(max));
    }

    PutScalingPolicyResponse cpuPolicy(int scaleOutCooldown, int scaleInCooldown) {
        return policy("cpu-target-tracking", MetricType.ECS_SERVICE_AVERAGE_CPU_UTILIZATION, scaleOutCooldown,
                scaleInCooldown);
    }

    PutScalingPolicyResponse policy(String name, MetricType metric, int scaleOutCooldown,
            int scaleInCooldown) {
        return scaling.putScalingPolicy(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).policyName(name)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(70.0)
                        .predefinedMetricSpecification(m -> m.predefinedMetricType(metric))
                        .scaleOutCooldown(scaleOutCooldown).scaleInCooldown(scaleInCooldown)));
    }

    static String alarmName(PutScalingPolicyResponse policy, String kind) {
        return policy.alarms().stream().map(a -> a.alarmName()).filter(name -> name.contains(kind)).findFirst()
                .orElseThrow();
    }

    MetricAlarm alarm(String name) {
        List<MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNamePrefix(
                "TargetTracking-" + RESOURCE)).metricAlarms();
        return alarms.stream().filter(alarm -> alarm.alarmName().equals(name)).findFirst().orElseThrow();
    }

    /** The activities, newest first. */
    List<ScalingActivity> activities(boolean includeNotScaled) {
        return scaling.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(RESOURCE)
                .includeNotScaledActivities(includeNotScaled)).scalingActivities();
    }

    List<Datapoint> cpuStatistics(Instant from, Instant to) {
        List<Datapoint> points = new ArrayList<>(cloudWatch.getMetricStatistics(r -> r.namespace("AWS/ECS")
                .metricName("CPUUtilization")
                .dimensions(d -> d.name("ClusterName").value("my-cluster"),
                        d -> d.name("ServiceName").value("web-service"))
                .startTime(from).endTime(to).period(60).statistics(Statistic.AVERAGE, Statistic.MAXIMUM))
                .datapoints());
        Collections.sort(points, (a, b) -> a.timestamp().compareTo(b.timestamp()));
        return points;
    }

    int desiredCount() {
        return scenario.ecs.describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().desiredCount();
    }

    int runningCount() {
        return scenario.ecs.describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().runningCount();
    }

    List<DeploymentRolloutState> rolloutStates() {
        return scenario.ecs.describeServices(r -> r.cluster("my-cluster").services("web-service")).services()
                .getFirst().deployments().stream().map(d -> d.rolloutState()).toList();
    }
}

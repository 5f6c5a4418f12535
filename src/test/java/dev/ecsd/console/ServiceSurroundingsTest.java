package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.metrics.PeriodStatistics;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.autoscaling.NotScaledReason;
import dev.ecsd.model.autoscaling.ScalableTarget;
import dev.ecsd.model.autoscaling.ScalingActivity;
import dev.ecsd.model.autoscaling.ScalingPolicy;
import dev.ecsd.model.autoscaling.SuspendedState;
import dev.ecsd.model.autoscaling.TargetTrackingConfiguration;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import dev.ecsd.testing.VirtualTimer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service page's load balancing, autoscaling and graph view models, on snapshots made in memory. */
class ServiceSurroundingsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String GROUP_ARN = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1";
    private static final String TASK = "arn:aws:ecs:us-east-1:000000000000:task/c/0123456789abcdef0123456789abcdef";
    private static final TargetGroup GROUP = new TargetGroup(GROUP_ARN, "web-tg", "HTTP", 8080, "HTTP1", "vpc-1", "ip",
            "ipv4", new TargetGroupHealthCheck(true, "HTTP", "traffic-port", "/", 30, 5, 5, 2, "200"), Map.of(),
            Map.of(), T0);

    private final StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void targetsShowTheirHealthAsDescribeTargetHealthReportsIt() {
        Service service = service(List.of(new LoadBalancer(GROUP_ARN, null, "web", 8080)));
        Target healthy = target("10.0.0.2", TargetHealthState.HEALTHY, null, null);
        Target failing = target("10.0.0.1", TargetHealthState.UNHEALTHY, "Target.FailedHealthChecks",
                "Health checks failed");
        Target drained = target("10.0.0.3", TargetHealthState.HEALTHY, null, null).draining(T0.minusSeconds(1));
        put(tx -> {
            tx.put(Kind.TARGET_GROUP, GROUP);
            tx.put(Kind.TARGET, healthy);
            tx.put(Kind.TARGET, failing);
            tx.put(Kind.TARGET, drained);
        });

        // no listener forwards to the group yet: ELBv2 calls every target unused
        List<ServiceLoadBalancing.GroupView> unused = ServiceLoadBalancing.of(store.snapshot(), "us-east-1", "c",
                service, T0);
        assertThat(unused).singleElement().satisfies(group -> {
            assertThat(group.inUse()).isFalse();
            assertThat(group.targets()).extracting(ServiceLoadBalancing.TargetRow::state)
                    .containsExactly("unused", "unused");
        });

        put(tx -> tx.put(Kind.LISTENER, new Listener("listener-1", "lb-1", "HTTP", 80,
                List.of(RuleAction.forward(GROUP_ARN)), Map.of())));
        ServiceLoadBalancing.GroupView group = ServiceLoadBalancing.of(store.snapshot(), "us-east-1", "c", service, T0)
                .getFirst();

        assertThat(group.name()).isEqualTo("web-tg");
        assertThat(group.container()).isEqualTo("web:8080");
        // a draining target whose delay is over is no longer listed
        assertThat(group.targets()).extracting(ServiceLoadBalancing.TargetRow::id)
                .containsExactly("10.0.0.1", "10.0.0.2");
        ServiceLoadBalancing.TargetRow first = group.targets().getFirst();
        assertThat(first.state()).isEqualTo("unhealthy");
        assertThat(first.reason()).isEqualTo("Target.FailedHealthChecks");
        assertThat(first.taskHref()).isEqualTo(ConsolePaths.task("us-east-1", "c", "0123456789abcdef0123456789abcdef"));
        assertThat(group.targets().get(1).state()).isEqualTo("healthy");
        assertThat(group.targets().get(1).reason()).isNull();
    }

    @Test
    void aDeletedTargetGroupIsSaidToBeGone() {
        Service service = service(List.of(new LoadBalancer(GROUP_ARN, null, "web", 8080)));
        assertThat(ServiceLoadBalancing.of(Snapshot.empty(), "us-east-1", "c", service, T0)).singleElement()
                .satisfies(group -> assertThat(group.found()).isFalse());
        assertThat(ServiceLoadBalancing.of(Snapshot.empty(), "us-east-1", "c", service(List.of()), T0)).isEmpty();
    }

    @Test
    void theScalableTargetItsPoliciesAndItsRecentActivitiesNewestFirst() {
        put(tx -> {
            tx.put(Kind.SCALABLE_TARGET, new ScalableTarget("ecs", "service/c/web", "ecs:service:DesiredCount", 1, 4,
                    null, SuspendedState.NONE, T0, "arn:target", Map.of(), null));
            tx.put(Kind.SCALING_POLICY, new ScalingPolicy("arn:policy", "cpu50", "ecs", "service/c/web",
                    "ecs:service:DesiredCount", ScalingPolicy.TARGET_TRACKING,
                    new TargetTrackingConfiguration(50, "ECSServiceAverageCPUUtilization", null, null, null, null,
                            false), null, List.of(), T0));
            tx.put(Kind.SCALING_ACTIVITY, activity("a1", T0, "Successful", List.of()));
            tx.put(Kind.SCALING_ACTIVITY, activity("a2", T0.plusSeconds(60), "InProgress", List.of()));
            tx.put(Kind.SCALING_ACTIVITY, activity("a3", T0.plusSeconds(120), "Failed",
                    List.of(new NotScaledReason("AlreadyAtMaxCapacity", 4, 4, 4))));
        });

        ServiceAutoScaling.View view = ServiceAutoScaling.of(store.snapshot(), "c", service(List.of()));

        assertThat(view.registered()).isTrue();
        assertThat(view.minCapacity()).isEqualTo(1);
        assertThat(view.maxCapacity()).isEqualTo(4);
        assertThat(view.policies()).singleElement().isEqualTo(new ServiceAutoScaling.PolicyRow("cpu50",
                "TargetTrackingScaling", "keeps ECSServiceAverageCPUUtilization at 50"));
        // an activity that did not scale is hidden, as DescribeScalingActivities hides it by default
        assertThat(view.activities()).extracting(ServiceAutoScaling.ActivityRow::status)
                .containsExactly("InProgress", "Successful");
    }

    @Test
    void aServiceNoTargetScalesSaysWhichResourceIdToRegister() {
        ServiceAutoScaling.View view = ServiceAutoScaling.of(Snapshot.empty(), "c", service(List.of()));
        assertThat(view.registered()).isFalse();
        assertThat(view.resourceId()).isEqualTo("service/c/web");
    }

    @Test
    void aChartHasOnePointPerMinuteWithItsAverage() {
        List<PeriodStatistics> minutes = List.of(
                new PeriodStatistics(T0, "Percent", 2, 30, 10, 20, new double[0]),
                new PeriodStatistics(T0.plusSeconds(60), "Percent", 1, 120.5, 120.5, 120.5, new double[0]));

        ServiceCharts.Chart chart = ServiceCharts.chart("CPU utilization", "CPUUtilization", minutes,
                T0.minusSeconds(3_540), T0.plusSeconds(120));

        assertThat(chart.points()).isEqualTo(2);
        Map<?, ?> json = ModelJson.read(chart.json(), Map.class);
        assertThat(json.get("timestamps")).isEqualTo(List.of((int) T0.getEpochSecond(),
                (int) T0.plusSeconds(60).getEpochSecond()));
        Map<?, ?> series = (Map<?, ?>) ((List<?>) json.get("series")).getFirst();
        assertThat(series.get("values")).isEqualTo(List.of(15.0, 120.5));
        // the scale goes to 100 %, or to the highest value when one is above
        assertThat(json.get("max")).isEqualTo(120.5);
        // the x axis spans the whole window, not only the minutes that have data
        assertThat(json.get("from")).isEqualTo((int) T0.minusSeconds(3_540).getEpochSecond());
        assertThat(json.get("to")).isEqualTo((int) T0.plusSeconds(120).getEpochSecond());
        assertThat(ModelJson.read(ServiceCharts.chart("x", "x", List.of(), T0, T0).json(), Map.class).get("max"))
                .isEqualTo(100.0);
    }

    private void put(Consumer<Transaction> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private static Target target(String ip, TargetHealthState state, String reason, String description) {
        return new Target(GROUP_ARN, ip, 8080, "us-east-1a", state, reason, description, T0, null, TASK);
    }

    private static ScalingActivity activity(String id, Instant at, String status,
            List<NotScaledReason> notScaled) {
        return new ScalingActivity(id, "ecs", "service/c/web", "ecs:service:DesiredCount", "Setting desired count",
                "monitor alarm", at, null, status, null, null, notScaled);
    }

    private static Service service(List<LoadBalancer> loadBalancers) {
        return new Service.Builder()
                .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/c/web")
                .serviceName("web")
                .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/c")
                .status(ServiceStatus.ACTIVE)
                .desiredCount(2)
                .loadBalancers(loadBalancers)
                .deployments(List.of())
                .events(List.of())
                .build();
    }
}

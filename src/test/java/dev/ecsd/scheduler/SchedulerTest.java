package dev.ecsd.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.Attribute;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.ContainerInstance;
import dev.ecsd.model.ContainerInstanceStatus;
import dev.ecsd.scheduler.PlacementResult.Placement;
import dev.ecsd.scheduler.PlacementResult.Rejection;
import dev.ecsd.scheduler.PlacementStrategy.BinpackField;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final String GROUP = "service:web";

    private static PlacementRequest.Builder ec2(int count) {
        return PlacementRequest.builder().count(count).cpu(256).memory(512).group(GROUP).taskDefinitionFamily("web")
                .launchType(LaunchType.EC2);
    }

    private static PlacementView fleet(ContainerInstance... instances) {
        return PlacementView.of(List.of(instances), List.of(), List.of());
    }

    private static List<String> instancesOf(PlacementResult result) {
        return result.placements().stream().map(Placement::containerInstanceArn).toList();
    }

    @Test
    void theFargateLaunchTypePutsEveryTaskOnFargate() {
        PlacementRequest request = PlacementRequest.builder().count(3).group(GROUP).launchType(LaunchType.FARGATE).build();
        PlacementResult result = Scheduler.place(request, PlacementView.fargateOnly(List.of()));
        assertThat(result.complete()).isTrue();
        assertThat(result.capacityProviders()).containsExactly("FARGATE", "FARGATE", "FARGATE");
    }

    @Test
    void aStrategySplitsByBaseThenWeightCountingTheGroupsTasks() {
        List<CapacityProviderStrategyItem> strategy = List.of(new CapacityProviderStrategyItem("FARGATE", 1, 2),
                new CapacityProviderStrategyItem("FARGATE_SPOT", 3, 0));
        PlacementRequest request = PlacementRequest.builder().count(6).group(GROUP)
                .capacity(CapacityRequest.strategy(strategy)).build();
        List<PlacedTask> running = List.of(PlacedTask.onCapacityProvider("FARGATE", GROUP, "web"),
                PlacedTask.onCapacityProvider("FARGATE", "service:other", "other"));

        PlacementResult result = Scheduler.place(request, PlacementView.fargateOnly(running));

        assertThat(result.capacityProviders()).isEqualTo(CapacityAssignment.assign(strategy, Map.of("FARGATE", 1), 6));
        assertThat(result.capacityProviders().getFirst()).isEqualTo("FARGATE");
        assertThat(Collections.frequency(result.capacityProviders(), "FARGATE_SPOT")).isEqualTo(4);
    }

    @Test
    void aProviderTheClusterDoesNotOfferPlacesNothingAndSaysWhich() {
        PlacementRequest request = PlacementRequest.builder().count(2).group(GROUP).capacity(CapacityRequest.strategy(
                List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)))).build();
        PlacementResult result = Scheduler.place(request, PlacementView.of(List.of(), List.of(), List.of("FARGATE")));
        assertThat(result.placements()).isEmpty();
        assertThat(result.unplaced()).hasSize(2);
        assertThat(result.failure().orElseThrow().message())
                .isEqualTo("The capacity provider FARGATE_SPOT is not available in this cluster.");
    }

    @Test
    void ec2WithoutContainerInstancesSaysWhatEcsSays() {
        PlacementResult result = Scheduler.place(ec2(2).build(), PlacementView.fargateOnly(List.of()));
        assertThat(result.placements()).isEmpty();
        assertThat(result.unplaced()).extracting(PlacementResult.Unplaced::taskIndex).containsExactly(0, 1);
        PlacementFailure failure = result.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(PlacementFailure.Kind.NO_CONTAINER_INSTANCES);
        assertThat(failure.message()).isEqualTo("No Container Instances were found in your cluster.");
        assertThat(failure.serviceEvent("web"))
                .isEqualTo("service web was unable to place a task. Reason: No Container Instances were found in your cluster.");
    }

    @Test
    void whenNothingFitsTheClosestMatchingInstanceIsNamedWithWhatItLacks() {
        PlacementView view = fleet(
                Fleets.instance(1).remaining(2048, 100).build(),
                Fleets.instance(2).remaining(2048, 400).build(),
                Fleets.instance(3).remaining(100, 4096).build(),
                Fleets.instance(4).disconnected().build());

        PlacementResult result = Scheduler.place(ec2(1).build(), view);

        PlacementFailure failure = result.failure().orElseThrow();
        assertThat(failure.containerInstanceArn()).isEqualTo(Fleets.arn(2));
        assertThat(failure.closestReason()).isEqualTo(RejectionReason.INSUFFICIENT_MEMORY);
        assertThat(failure.serviceEvent("web")).isEqualTo("service web was unable to place a task because no container "
                + "instance met all of its requirements. The closest matching (container-instance " + Fleets.id(2)
                + ") has insufficient memory available. For more information, see the Troubleshooting section of the "
                + "Amazon ECS Developer Guide.");
        assertThat(result.rejections()).containsExactly(
                new Rejection(Fleets.arn(1), RejectionReason.INSUFFICIENT_MEMORY),
                new Rejection(Fleets.arn(2), RejectionReason.INSUFFICIENT_MEMORY),
                new Rejection(Fleets.arn(3), RejectionReason.INSUFFICIENT_CPU),
                new Rejection(Fleets.arn(4), RejectionReason.AGENT_DISCONNECTED));
        assertThat(result.rejections()).extracting(r -> r.reason().failureReason())
                .containsExactly("RESOURCE:MEMORY", "RESOURCE:MEMORY", "RESOURCE:CPU", "AGENT");
    }

    @Test
    void everyKindOfInstanceThatCannotTakeTheTaskIsRejectedWithItsReason() {
        PlacementView view = fleet(
                Fleets.instance(1).status(ContainerInstanceStatus.DRAINING).attribute("gpu", null).build(),
                Fleets.instance(2).external().attribute("gpu", null).build(),
                Fleets.instance(3).disconnected().attribute("gpu", null).build(),
                Fleets.instance(4).portsInUse(8080).attribute("gpu", null).build(),
                Fleets.instance(5).build(),
                Fleets.instance(6).type("t3.micro").attribute("gpu", null).build(),
                Fleets.instance(7).remaining(2048, 256).attribute("gpu", null).build());
        PlacementRequest request = ec2(1).hostPorts(List.of(HostPort.tcp(8080)))
                .constraint(PlacementConstraint.memberOf("attribute:ecs.instance-type != t3.micro"))
                .requiredAttributes(List.of(Attribute.named("gpu"))).build();

        PlacementResult result = Scheduler.place(request, view);

        assertThat(result.placements()).isEmpty();
        assertThat(result.rejections()).extracting(Rejection::reason).containsExactly(
                RejectionReason.INSTANCE_NOT_ACTIVE, RejectionReason.LAUNCH_TYPE_MISMATCH,
                RejectionReason.AGENT_DISCONNECTED, RejectionReason.PORT_IN_USE, RejectionReason.MISSING_ATTRIBUTE,
                RejectionReason.CONSTRAINT_MEMBER_OF, RejectionReason.INSUFFICIENT_MEMORY);
        assertThat(result.failure().orElseThrow().message()).endsWith("The closest matching (container-instance "
                + Fleets.id(4) + ") is already using a port required by your task.");
    }

    @Test
    void theExternalLaunchTypeUsesOnlyExternalInstances() {
        PlacementView view = fleet(Fleets.instance(1).build(), Fleets.instance(2).external().build());
        PlacementResult result = Scheduler.place(ec2(1).launchType(LaunchType.EXTERNAL).build(), view);
        assertThat(instancesOf(result)).containsExactly(Fleets.arn(2));
    }

    @Test
    void hostPortsArePlacedOncePerInstanceWithinABatch() {
        PlacementView view = fleet(Fleets.instance(1).build(), Fleets.instance(2).build());
        PlacementResult result = Scheduler.place(ec2(3).hostPorts(List.of(HostPort.tcp(80))).build(), view);
        assertThat(instancesOf(result)).containsExactlyInAnyOrder(Fleets.arn(1), Fleets.arn(2));
        assertThat(result.unplaced()).singleElement()
                .satisfies(u -> assertThat(u.failure().closestReason()).isEqualTo(RejectionReason.PORT_IN_USE));
    }

    @Test
    void binpackFillsTheFullestInstanceThatFitsFirst() {
        PlacementView view = fleet(
                Fleets.instance(1).remaining(2048, 4096).build(),
                Fleets.instance(2).remaining(2048, 1024).build(),
                Fleets.instance(3).remaining(2048, 256).build());
        PlacementResult result = Scheduler.place(ec2(3).strategy(PlacementStrategy.binpack(BinpackField.MEMORY)).build(),
                view);
        assertThat(instancesOf(result)).containsExactly(Fleets.arn(2), Fleets.arn(2), Fleets.arn(1));
    }

    @Test
    void spreadByZoneThenBinpackBalancesZonesAndPacksWithinThem() {
        PlacementView view = fleet(
                Fleets.instance(1).zone("a").remaining(4096, 8192).build(),
                Fleets.instance(2).zone("a").remaining(4096, 2048).build(),
                Fleets.instance(3).zone("b").remaining(4096, 8192).build(),
                Fleets.instance(4).zone("c").remaining(4096, 8192).build());
        List<PlacedTask> running = List.of(PlacedTask.onInstance(Fleets.arn(3), GROUP, "web"),
                PlacedTask.onInstance(Fleets.arn(4), GROUP, "web"), PlacedTask.onInstance(Fleets.arn(4), "other", "x"));

        PlacementResult result = Scheduler.place(ec2(4)
                .strategy(PlacementStrategy.spread("attribute:ecs.availability-zone"))
                .strategy(PlacementStrategy.binpack(BinpackField.MEMORY)).build(),
                PlacementView.of(view.containerInstances(), running, List.of()));

        // zone a has none of the group: two tasks there (packed on 2), then b and c get one each
        assertThat(instancesOf(result).subList(0, 2)).containsExactly(Fleets.arn(2), Fleets.arn(2));
        assertThat(instancesOf(result).subList(2, 4)).containsExactlyInAnyOrder(Fleets.arn(3), Fleets.arn(4));
    }

    @Test
    void distinctInstanceCountsTheGroupsTasksAlreadyRunningAndThoseJustPlaced() {
        PlacementView view = PlacementView.of(List.of(Fleets.instance(1).build(), Fleets.instance(2).build(),
                Fleets.instance(3).build()), List.of(PlacedTask.onInstance(Fleets.arn(1), GROUP, "web")), List.of());
        PlacementResult result = Scheduler.place(ec2(3).constraint(PlacementConstraint.distinctInstance()).build(), view);
        assertThat(instancesOf(result)).containsExactlyInAnyOrder(Fleets.arn(2), Fleets.arn(3));
        assertThat(result.failure().orElseThrow().closestReason()).isEqualTo(RejectionReason.CONSTRAINT_DISTINCT_INSTANCE);
    }

    @Test
    void memberOfTaskGroupSeesTheTasksPlacedEarlierInTheBatch() {
        PlacementView view = PlacementView.of(List.of(Fleets.instance(1).build(), Fleets.instance(2).build()),
                List.of(PlacedTask.onInstance(Fleets.arn(2), "service:cache", "cache")), List.of());
        PlacementResult result = Scheduler.place(ec2(2)
                .constraint(PlacementConstraint.memberOf("task:group == service:cache")).build(), view);
        assertThat(instancesOf(result)).containsExactly(Fleets.arn(2), Fleets.arn(2));

        PlacementResult antiAffinity = Scheduler.place(ec2(2)
                .constraint(PlacementConstraint.memberOf("not(task:group == " + GROUP + ")")).build(), view);
        assertThat(instancesOf(antiAffinity)).containsExactlyInAnyOrder(Fleets.arn(1), Fleets.arn(2));
    }

    @Test
    void randomIsDeterministicForASeedAndUsesTheWholeFleet() {
        List<ContainerInstance> instances = Fleets.random(new SplittableRandom(1), 50).stream()
                .map(i -> Fleets.instance(Integer.parseInt(i.ec2InstanceId().substring(2), 16)).registered(8192, 16384)
                        .build()).toList();
        PlacementView view = fleet(instances.toArray(ContainerInstance[]::new));
        PlacementResult first = Scheduler.place(ec2(200).strategy(PlacementStrategy.random())
                .random(new SplittableRandom(42)).build(), view);
        PlacementResult again = Scheduler.place(ec2(200).strategy(PlacementStrategy.random())
                .random(new SplittableRandom(42)).build(), view);
        PlacementResult other = Scheduler.place(ec2(200).strategy(PlacementStrategy.random())
                .random(new SplittableRandom(7)).build(), view);
        assertThat(again).isEqualTo(first);
        assertThat(instancesOf(other)).isNotEqualTo(instancesOf(first));
        assertThat(instancesOf(first).stream().collect(Collectors.toSet())).hasSizeGreaterThan(40);
    }
}

package dev.ecsd.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ContainerInstance;
import dev.ecsd.model.ContainerInstanceStatus;
import dev.ecsd.model.Resource;
import dev.ecsd.scheduler.PlacementResult.Placement;
import dev.ecsd.scheduler.PlacementResult.Rejection;
import dev.ecsd.scheduler.PlacementResult.Unplaced;
import dev.ecsd.scheduler.PlacementStrategy.BinpackField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Invariants of placement over many generated fleets of thousands of instances and requests. */
class PlacementPropertiesTest {
    private static final int TRIALS = 30;
    private static final String GROUP = "service:web";
    private static final List<String> QUERIES = List.of(
            "attribute:stack == prod",
            "attribute:ecs.instance-type in [m5.large, m5.xlarge] and attribute:ecs.os-type == linux",
            "attribute:ecs.availability-zone != us-east-1c or attribute:ecs.instance-type =~ c5.*",
            "not(attribute:ecs.instance-type =~ t3\\..*)");
    private static final List<PlacementStrategy> STRATEGIES = List.of(
            PlacementStrategy.spread("attribute:ecs.availability-zone"), PlacementStrategy.binpack(BinpackField.MEMORY),
            PlacementStrategy.binpack(BinpackField.CPU), PlacementStrategy.spread("instanceId"),
            PlacementStrategy.random());

    /** A generated case: a fleet with some tasks of the group already on it, and a request against it. */
    private record Case(PlacementView view, PlacementRequest request, long seed) {
    }

    private static Case generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ContainerInstance> fleet = new ArrayList<>(Fleets.random(random, 1000 + random.nextInt(4000)));
        for (int i = 0; i < fleet.size() / 50; i++) {
            int victim = random.nextInt(fleet.size());
            ContainerInstance instance = fleet.get(victim);
            fleet.set(victim, new ContainerInstance(instance.containerInstanceArn(), instance.ec2InstanceId(),
                    random.nextBoolean() ? ContainerInstanceStatus.DRAINING : ContainerInstanceStatus.ACTIVE, null,
                    random.nextBoolean(), instance.versionInfo(), instance.registeredResources(),
                    instance.remainingResources(), instance.attributes(), instance.registeredAt(), 0, 0));
        }
        List<PlacedTask> placed = new ArrayList<>();
        for (int i = 0; i < fleet.size() / 10; i++) {
            placed.add(PlacedTask.onInstance(fleet.get(random.nextInt(fleet.size())).containerInstanceArn(),
                    random.nextBoolean() ? GROUP : "service:other", "web"));
        }
        PlacementRequest.Builder request = PlacementRequest.builder().count(1 + random.nextInt(300))
                .cpu(128 * (1 + random.nextInt(16))).memory(128 * (1 + random.nextInt(32))).group(GROUP)
                .launchType(LaunchType.EC2).random(new SplittableRandom(seed));
        if (random.nextInt(3) == 0) {
            request.constraint(PlacementConstraint.distinctInstance());
        }
        if (random.nextBoolean()) {
            request.constraint(PlacementConstraint.memberOf(QUERIES.get(random.nextInt(QUERIES.size()))));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            request.strategy(STRATEGIES.get(random.nextInt(STRATEGIES.size())));
        }
        return new Case(PlacementView.of(fleet, placed, List.of()), request.build(), seed);
    }

    private static void forEachCase(BiConsumer<Case, PlacementResult> check) {
        for (long seed = 1; seed <= TRIALS; seed++) {
            Case generated = generate(seed);
            check.accept(generated, Scheduler.place(generated.request(), generated.view()));
        }
    }

    private static Map<String, ContainerInstance> byArn(PlacementView view) {
        return view.containerInstances().stream()
                .collect(Collectors.toMap(ContainerInstance::containerInstanceArn, Function.identity()));
    }

    @Test
    void neverUsesMoreCpuOrMemoryThanRemainsAndOnlyHealthyEc2Instances() {
        forEachCase((generated, result) -> {
            Map<String, ContainerInstance> instances = byArn(generated.view());
            Map<String, Long> tasksPerInstance = result.placements().stream()
                    .collect(Collectors.groupingBy(Placement::containerInstanceArn, Collectors.counting()));
            tasksPerInstance.forEach((arn, tasks) -> {
                ContainerInstance instance = instances.get(arn);
                assertThat(tasks * generated.request().cpu()).isLessThanOrEqualTo(instance.remainingInteger(Resource.CPU));
                assertThat(tasks * generated.request().memory())
                        .isLessThanOrEqualTo(instance.remainingInteger(Resource.MEMORY));
                assertThat(instance.status()).isEqualTo(ContainerInstanceStatus.ACTIVE);
                assertThat(instance.agentConnected()).isTrue();
            });
        });
    }

    @Test
    void distinctInstanceNeverPutsTwoTasksOfTheGroupOnOneInstance() {
        forEachCase((generated, result) -> {
            if (!generated.request().constraints().contains(PlacementConstraint.distinctInstance())) {
                return;
            }
            Map<String, Integer> group = new HashMap<>();
            generated.view().placedTasks().stream().filter(t -> GROUP.equals(t.group()))
                    .forEach(t -> group.merge(t.containerInstanceArn(), 1, Integer::sum));
            for (Placement placement : result.placements()) {
                assertThat(group.get(placement.containerInstanceArn())).as("seed %d", generated.seed()).isNull();
                group.put(placement.containerInstanceArn(), 1);
            }
        });
    }

    @Test
    void memberOfOnlyPicksMatchingInstances() {
        forEachCase((generated, result) -> {
            Map<String, ContainerInstance> instances = byArn(generated.view());
            for (PlacementConstraint constraint : generated.request().constraints()) {
                if (constraint instanceof PlacementConstraint.MemberOf memberOf) {
                    for (Placement placement : result.placements()) {
                        assertThat(memberOf.query().matches(instances.get(placement.containerInstanceArn()), Set.of()))
                                .as("seed %d: %s", generated.seed(), memberOf.query()).isTrue();
                    }
                }
            }
        });
    }

    @Test
    void everyTaskIsPlacedOrHasAReasonAndEveryRejectedCandidateHasATypedOne() {
        forEachCase((generated, result) -> {
            int count = generated.request().count();
            List<Integer> indexes = new ArrayList<>();
            result.placements().forEach(p -> indexes.add(p.taskIndex()));
            result.unplaced().forEach(u -> indexes.add(u.taskIndex()));
            assertThat(indexes).containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).boxed().toList());
            for (Unplaced unplaced : result.unplaced()) {
                assertThat(unplaced.failure().closestReason()).isNotNull();
                assertThat(unplaced.failure().serviceEvent("web")).contains("The closest matching (container-instance ");
            }
            Set<String> rejected = new HashSet<>();
            for (Rejection rejection : result.rejections()) {
                assertThat(rejection.reason()).isNotNull();
                assertThat(rejected.add(rejection.containerInstanceArn())).isTrue();
            }
            if (!result.complete()) {
                assertThat(rejected).hasSize(generated.view().containerInstances().size());
            } else {
                assertThat(rejected).doesNotContain(result.placements().getLast().containerInstanceArn());
            }
        });
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        for (long seed = 1; seed <= TRIALS; seed++) {
            assertThat(Scheduler.place(generate(seed).request(), generate(seed).view()))
                    .isEqualTo(Scheduler.place(generate(seed).request(), generate(seed).view()));
        }
    }

    @Test
    void binpackPicksTheFullestInstanceThatFits() {
        for (long seed = 1; seed <= TRIALS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<ContainerInstance> fleet = Fleets.random(random, 2000 + random.nextInt(2000));
            PlacementRequest request = PlacementRequest.builder().count(1 + random.nextInt(200)).cpu(256).memory(512)
                    .group(GROUP).launchType(LaunchType.EC2).strategy(PlacementStrategy.binpack(BinpackField.MEMORY))
                    .build();
            PlacementResult result = Scheduler.place(request, PlacementView.of(fleet, List.of(), List.of()));

            Map<String, int[]> remaining = new HashMap<>();
            fleet.forEach(i -> remaining.put(i.containerInstanceArn(),
                    new int[] {i.remainingInteger(Resource.CPU), i.remainingInteger(Resource.MEMORY)}));
            for (Placement placement : result.placements()) {
                int fullest = remaining.values().stream().filter(r -> r[0] >= 256 && r[1] >= 512)
                        .mapToInt(r -> r[1]).min().orElseThrow();
                int[] chosen = remaining.get(placement.containerInstanceArn());
                assertThat(chosen[1]).as("seed %d", seed).isEqualTo(fullest);
                chosen[0] -= 256;
                chosen[1] -= 512;
            }
        }
    }

    @Test
    void spreadKeepsZonesWithinOneTaskOfEachOtherWhenCapacityAllows() {
        for (long seed = 1; seed <= TRIALS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<ContainerInstance> fleet = IntStream.range(0, 1000 + random.nextInt(3000))
                    .mapToObj(i -> Fleets.instance(i).zone(Fleets.ZONES.get(random.nextInt(Fleets.ZONES.size())))
                            .registered(16384, 65536).remaining(random.nextInt(2048, 16385), 65536).build())
                    .toList();
            PlacementRequest request = PlacementRequest.builder().count(1 + random.nextInt(1000)).cpu(512).memory(512)
                    .group(GROUP).launchType(LaunchType.EC2)
                    .strategy(PlacementStrategy.spread("attribute:ecs.availability-zone"))
                    .strategy(PlacementStrategy.binpack(BinpackField.CPU)).build();
            PlacementResult result = Scheduler.place(request, PlacementView.of(fleet, List.of(), List.of()));

            assertThat(result.complete()).isTrue();
            Map<String, ContainerInstance> instances = fleet.stream()
                    .collect(Collectors.toMap(ContainerInstance::containerInstanceArn, Function.identity()));
            Map<String, Long> perZone = result.placements().stream().collect(Collectors.groupingBy(
                    p -> instances.get(p.containerInstanceArn()).attribute(ContainerInstance.AVAILABILITY_ZONE),
                    Collectors.counting()));
            long most = perZone.values().stream().mapToLong(Long::longValue).max().orElse(0);
            long least = perZone.size() < Fleets.ZONES.size() ? 0
                    : perZone.values().stream().mapToLong(Long::longValue).min().orElse(0);
            assertThat(most - least).as("seed %d: %s", seed, perZone).isLessThanOrEqualTo(1);
        }
    }
}

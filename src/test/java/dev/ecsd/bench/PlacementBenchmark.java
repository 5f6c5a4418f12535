package dev.ecsd.bench;

import dev.ecsd.model.Attribute;
import dev.ecsd.model.ContainerInstance;
import dev.ecsd.model.ContainerInstanceStatus;
import dev.ecsd.model.Resource;
import dev.ecsd.scheduler.LaunchType;
import dev.ecsd.scheduler.PlacedTask;
import dev.ecsd.scheduler.PlacementConstraint;
import dev.ecsd.scheduler.PlacementRequest;
import dev.ecsd.scheduler.PlacementResult;
import dev.ecsd.scheduler.PlacementStrategy;
import dev.ecsd.scheduler.PlacementView;
import dev.ecsd.scheduler.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placements per second over 5,000 simulated container instances (not a test): batches of 10 and 100 tasks with
 * spread(attribute:ecs.availability-zone), binpack(memory) and a memberOf constraint, from a fresh snapshot each
 * time, as a service reconcile would. One operation is one task placed. Run with {@code ./run-benchmark placement}.
 * For comparison, Nomad's C1M test placed about 3,750 containers per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class PlacementBenchmark {
    static final int INSTANCES = 5_000;
    private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    private static final List<String> TYPES = List.of("m5.large", "m5.xlarge", "c5.xlarge", "t3.large");

    private PlacementView view;
    private PlacementView withTasks;

    @Setup
    public void fleet() {
        SplittableRandom random = new SplittableRandom(5_000);
        List<ContainerInstance> instances = new ArrayList<>(INSTANCES);
        List<PlacedTask> tasks = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            String arn = "arn:aws:ecs:us-east-1:000000000000:container-instance/bench/" + i;
            int cpu = 4096;
            int memory = 16384;
            instances.add(new ContainerInstance(arn, "i-%017x".formatted(i), ContainerInstanceStatus.ACTIVE, null,
                    true, null,
                    List.of(Resource.integer(Resource.CPU, cpu), Resource.integer(Resource.MEMORY, memory)),
                    List.of(Resource.integer(Resource.CPU, random.nextInt(cpu + 1)),
                            Resource.integer(Resource.MEMORY, random.nextInt(memory + 1)),
                            Resource.stringSet(Resource.PORTS, List.of("22", "2375", "2376", "51678", "51679"))),
                    List.of(new Attribute(ContainerInstance.AVAILABILITY_ZONE, ZONES.get(i % ZONES.size()), null, null),
                            new Attribute(ContainerInstance.INSTANCE_TYPE, TYPES.get(random.nextInt(TYPES.size())),
                                    null, null),
                            new Attribute(ContainerInstance.OS_TYPE, "linux", null, null),
                            new Attribute(ContainerInstance.AMI_ID, "ami-0123456789abcdef0", null, null),
                            new Attribute("stack", random.nextInt(10) == 0 ? "test" : "prod", null, null)),
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i), 0, 0));
            for (int t = random.nextInt(4); t > 0; t--) {
                tasks.add(PlacedTask.onInstance(arn, random.nextBoolean() ? "service:web" : "service:other", "web"));
            }
        }
        view = PlacementView.of(instances, List.of(), List.of());
        withTasks = PlacementView.of(instances, tasks, List.of());
    }

    private PlacementResult place(PlacementView on, int count) {
        PlacementRequest request = PlacementRequest.builder().count(count).cpu(256).memory(512).group("service:web")
                .taskDefinitionFamily("web").launchType(LaunchType.EC2)
                .constraint(PlacementConstraint.memberOf(
                        "attribute:ecs.instance-type in [m5.large, m5.xlarge, c5.xlarge] and attribute:stack == prod"))
                .strategy(PlacementStrategy.spread("attribute:ecs.availability-zone"))
                .strategy(PlacementStrategy.binpack(PlacementStrategy.BinpackField.MEMORY))
                .build();
        return Scheduler.place(request, on);
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public PlacementResult batchOf10() {
        return place(view, 10);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public PlacementResult batchOf100() {
        return place(view, 100);
    }

    /** As batchOf100, on a cluster already running ~7,500 tasks, half of them of the service placed. */
    @Benchmark
    @OperationsPerInvocation(100)
    public PlacementResult batchOf100AmongRunningTasks() {
        return place(withTasks, 100);
    }
}

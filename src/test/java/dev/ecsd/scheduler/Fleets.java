package dev.ecsd.scheduler;

import dev.ecsd.model.Attribute;
import dev.ecsd.model.ContainerInstance;
import dev.ecsd.model.ContainerInstanceStatus;
import dev.ecsd.model.Resource;
import dev.ecsd.model.VersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Fixture builders for container instances and whole fleets of them. */
final class Fleets {
    static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    static final List<String> TYPES = List.of("t3.micro", "t3.large", "m5.large", "m5.xlarge", "c5.2xlarge");
    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private Fleets() {
    }

    static Instance instance(int number) {
        return new Instance(number);
    }

    /** {@code size} healthy instances of random types and zones, with random room left on each. */
    static List<ContainerInstance> random(RandomGenerator random, int size) {
        List<ContainerInstance> fleet = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int cpu = 1024 * (1 + random.nextInt(8));
            int memory = 1024 * (1 + random.nextInt(16));
            fleet.add(instance(i)
                    .zone(ZONES.get(random.nextInt(ZONES.size())))
                    .type(TYPES.get(random.nextInt(TYPES.size())))
                    .registered(cpu, memory)
                    .remaining(random.nextInt(cpu + 1), random.nextInt(memory + 1))
                    .attribute("stack", random.nextBoolean() ? "prod" : "test")
                    .build());
        }
        return fleet;
    }

    static String arn(int number) {
        return "arn:aws:ecs:us-east-1:000000000000:container-instance/fleet/" + id(number);
    }

    static String id(int number) {
        return "%08x-0000-4000-8000-%012d".formatted(number, number);
    }

    /** One container instance, ACTIVE and connected with 2 vCPU / 4 GiB free unless told otherwise. */
    static final class Instance {
        private final int number;
        private String ec2InstanceId;
        private ContainerInstanceStatus status = ContainerInstanceStatus.ACTIVE;
        private boolean agentConnected = true;
        private int registeredCpu = 2048;
        private int registeredMemory = 4096;
        private int remainingCpu = 2048;
        private int remainingMemory = 4096;
        private final List<String> reservedPorts = new ArrayList<>(List.of("22", "2375", "2376", "51678", "51679"));
        private final List<Attribute> attributes = new ArrayList<>();
        private Instant registeredAt;
        private int runningTasks;

        private Instance(int number) {
            this.number = number;
            this.ec2InstanceId = "i-%017x".formatted(number);
            this.registeredAt = EPOCH.plusSeconds(number);
            zone(ZONES.get(number % ZONES.size()));
            type("m5.large");
            attribute(ContainerInstance.OS_TYPE, "linux");
            attribute(ContainerInstance.AMI_ID, "ami-0123456789abcdef0");
        }

        Instance zone(String zone) {
            return attribute(ContainerInstance.AVAILABILITY_ZONE, zone);
        }

        Instance type(String type) {
            return attribute(ContainerInstance.INSTANCE_TYPE, type);
        }

        Instance attribute(String name, String value) {
            attributes.removeIf(a -> a.name().equals(name));
            attributes.add(new Attribute(name, value, null, null));
            return this;
        }

        Instance registered(int cpu, int memory) {
            registeredCpu = cpu;
            registeredMemory = memory;
            remainingCpu = cpu;
            remainingMemory = memory;
            return this;
        }

        Instance remaining(int cpu, int memory) {
            remainingCpu = cpu;
            remainingMemory = memory;
            return this;
        }

        Instance portsInUse(int... ports) {
            for (int port : ports) {
                reservedPorts.add(Integer.toString(port));
            }
            return this;
        }

        Instance status(ContainerInstanceStatus value) {
            status = value;
            return this;
        }

        Instance disconnected() {
            agentConnected = false;
            return this;
        }

        Instance external() {
            ec2InstanceId = "mi-%017x".formatted(number);
            return this;
        }

        Instance registeredAt(Instant value) {
            registeredAt = value;
            return this;
        }

        Instance runningTasks(int value) {
            runningTasks = value;
            return this;
        }

        ContainerInstance build() {
            return new ContainerInstance(arn(number), ec2InstanceId, status, null, agentConnected,
                    new VersionInfo("1.80.0", "abc", "25.0.0"),
                    List.of(Resource.integer(Resource.CPU, registeredCpu), Resource.integer(Resource.MEMORY,
                            registeredMemory), Resource.stringSet(Resource.PORTS, List.of("22", "2375", "2376",
                                    "51678", "51679")), Resource.stringSet(Resource.PORTS_UDP, List.of())),
                    List.of(Resource.integer(Resource.CPU, remainingCpu), Resource.integer(Resource.MEMORY,
                            remainingMemory), Resource.stringSet(Resource.PORTS, reservedPorts),
                            Resource.stringSet(Resource.PORTS_UDP, List.of())),
                    attributes, registeredAt, runningTasks, 0);
        }
    }
}

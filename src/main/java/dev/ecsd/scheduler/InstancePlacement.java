package dev.ecsd.scheduler;

import dev.ecsd.model.Attribute;
import dev.ecsd.model.ContainerInstance;
import dev.ecsd.model.ContainerInstanceStatus;
import dev.ecsd.model.Resource;
import dev.ecsd.scheduler.PlacementResult.Placement;
import dev.ecsd.scheduler.PlacementResult.Rejection;
import dev.ecsd.scheduler.PlacementResult.Unplaced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One placement of tasks on container instances: the working copy of the view's resources and counts, updated as
 * each task is placed. A placed task changes only its own instance, so every instance's rejection reason is worked
 * out once and then only the chosen instance's again; choosing is one scan over the instances per task.
 */
final class InstancePlacement {
    /** A key to rank by, lower first: an array by instance, or a count by the instance's value of an attribute. */
    private record Ranker(int[] byInstance, int[] valueOf, int[] countByValue) {
        int key(int instance) {
            return byInstance != null ? byInstance[instance] : countByValue[valueOf[instance]];
        }
    }

    private final PlacementRequest request;
    private final PlacementView view;
    private final List<ContainerInstance> instances;
    private final int size;
    private final int[] cpu;
    private final int[] memory;
    private final int[] groupTasks;
    private final int[] placedHere;
    private final List<Set<String>> reservedTcp;
    private final List<Set<String>> reservedUdp;
    private final List<ClusterQuery> memberOf = new ArrayList<>();
    private final boolean distinctInstance;
    private final RejectionReason[] reasons;
    /** The instances that can take the next task, in view order; an instance leaves it when it is full. */
    private final int[] eligible;
    private int eligibleCount;
    private final Ranker[] rankers;
    private final boolean randomAmongTies;
    private final Target target = new Target();

    InstancePlacement(PlacementRequest request, PlacementView view) {
        this.request = request;
        this.view = view;
        this.instances = view.containerInstances();
        this.size = instances.size();
        this.cpu = new int[size];
        this.memory = new int[size];
        this.groupTasks = new int[size];
        this.placedHere = new int[size];
        boolean ports = !request.hostPorts().isEmpty();
        this.reservedTcp = ports ? new ArrayList<>(size) : null;
        this.reservedUdp = ports ? new ArrayList<>(size) : null;
        for (int i = 0; i < size; i++) {
            ContainerInstance instance = instances.get(i);
            cpu[i] = view.remainingCpu(i);
            memory[i] = view.remainingMemory(i);
            groupTasks[i] = view.groupsOn(i).getOrDefault(request.group(), 0);
            if (ports) {
                reservedTcp.add(new HashSet<>(instance.reservedPorts(Resource.PORTS)));
                reservedUdp.add(new HashSet<>(instance.reservedPorts(Resource.PORTS_UDP)));
            }
        }
        boolean distinct = false;
        for (PlacementConstraint constraint : request.constraints()) {
            switch (constraint) {
                case PlacementConstraint.DistinctInstance d -> distinct = true;
                case PlacementConstraint.MemberOf m -> memberOf.add(m.query());
            }
        }
        this.distinctInstance = distinct;
        boolean random = false;
        List<Ranker> ranking = new ArrayList<>();
        for (PlacementStrategy strategy : request.strategies()) {
            if (random) {
                break; // a random choice leaves no ties for later strategies to break
            }
            switch (strategy) {
                case PlacementStrategy.Binpack binpack ->
                        ranking.add(new Ranker(binpack.field() == PlacementStrategy.BinpackField.CPU ? cpu : memory,
                                null, null));
                case PlacementStrategy.Spread spread -> ranking.add(spread.attributeName() == null
                        ? new Ranker(groupTasks, null, null) : spreadOver(spread.attributeName()));
                case PlacementStrategy.Random r -> random = true;
            }
        }
        this.rankers = ranking.toArray(Ranker[]::new);
        this.randomAmongTies = random;
        this.reasons = new RejectionReason[size];
        this.eligible = new int[size];
        for (int i = 0; i < size; i++) {
            reasons[i] = rejection(i);
            if (reasons[i] == null) {
                eligible[eligibleCount++] = i;
            }
        }
    }

    PlacementResult place() {
        int count = request.count();
        List<Placement> placements = new ArrayList<>(count);
        List<Unplaced> unplaced = new ArrayList<>();
        List<Rejection> rejections = List.of();
        if (size == 0) {
            for (int task = 0; task < count; task++) {
                unplaced.add(new Unplaced(task, PlacementFailure.noContainerInstances()));
            }
            return new PlacementResult(placements, unplaced, rejections);
        }
        for (int task = 0; task < count; task++) {
            int position = choose();
            if (position < 0) {
                PlacementFailure failure = closestMatching();
                for (int left = task; left < count; left++) {
                    unplaced.add(new Unplaced(left, failure));
                }
                rejections = rejections();
                break;
            }
            if (task == count - 1) {
                rejections = rejections();
            }
            int chosen = eligible[position];
            placements.add(Placement.onContainerInstance(task, instances.get(chosen).containerInstanceArn()));
            take(chosen);
            if (reasons[chosen] != null) {
                System.arraycopy(eligible, position + 1, eligible, position, eligibleCount - position - 1);
                eligibleCount--;
            }
        }
        return new PlacementResult(placements, unplaced, rejections);
    }

    /** Where in {@code eligible} the best instance for the task is, by the rankers in order; -1 if none. */
    private int choose() {
        if (eligibleCount == 0) {
            return -1;
        }
        int best = 0;
        int ties = 1;
        for (int position = 1; position < eligibleCount; position++) {
            int comparison = compare(eligible[position], eligible[best]);
            if (comparison < 0) {
                best = position;
                ties = 1;
            } else if (comparison == 0 && randomAmongTies && request.random().nextInt(++ties) == 0) {
                best = position;
            }
        }
        return best;
    }

    private int compare(int left, int right) {
        for (Ranker ranker : rankers) {
            int comparison = Integer.compare(ranker.key(left), ranker.key(right));
            if (comparison != 0) {
                return comparison;
            }
        }
        return 0;
    }

    /** Uses up the instance's resources and counts the task where constraints and strategies will look. */
    private void take(int chosen) {
        cpu[chosen] -= request.cpu();
        memory[chosen] -= request.memory();
        for (Ranker ranker : rankers) {
            if (ranker.countByValue() != null) {
                ranker.countByValue()[ranker.valueOf()[chosen]]++;
            }
        }
        groupTasks[chosen]++;
        placedHere[chosen]++;
        if (reservedTcp != null) {
            for (HostPort port : request.hostPorts()) {
                ("udp".equals(port.protocol()) ? reservedUdp : reservedTcp).get(chosen).add(Integer.toString(port.port()));
            }
        }
        reasons[chosen] = rejection(chosen);
    }

    /** Why the instance cannot take the next task, checked in the order of {@link RejectionReason}; null if it can. */
    private RejectionReason rejection(int i) {
        ContainerInstance instance = instances.get(i);
        if (instance.status() != ContainerInstanceStatus.ACTIVE) {
            return RejectionReason.INSTANCE_NOT_ACTIVE;
        }
        if (isExternal(instance) != (launchType() == LaunchType.EXTERNAL)) {
            return RejectionReason.LAUNCH_TYPE_MISMATCH;
        }
        if (!instance.agentConnected()) {
            return RejectionReason.AGENT_DISCONNECTED;
        }
        Map<String, String> attributes = view.attributesOf(i);
        for (Attribute required : request.requiredAttributes()) {
            if (!attributes.containsKey(required.name())
                    || (required.value() != null && !required.value().equals(attributes.get(required.name())))) {
                return RejectionReason.MISSING_ATTRIBUTE;
            }
        }
        if (!memberOf.isEmpty()) {
            target.instance = i;
            for (ClusterQuery query : memberOf) {
                if (!query.matches(target)) {
                    return RejectionReason.CONSTRAINT_MEMBER_OF;
                }
            }
        }
        if (distinctInstance && groupTasks[i] > 0) {
            return RejectionReason.CONSTRAINT_DISTINCT_INSTANCE;
        }
        if (cpu[i] < request.cpu()) {
            return RejectionReason.INSUFFICIENT_CPU;
        }
        if (memory[i] < request.memory()) {
            return RejectionReason.INSUFFICIENT_MEMORY;
        }
        if (reservedTcp != null) {
            for (HostPort port : request.hostPorts()) {
                if (("udp".equals(port.protocol()) ? reservedUdp : reservedTcp).get(i)
                        .contains(Integer.toString(port.port()))) {
                    return RejectionReason.PORT_IN_USE;
                }
            }
        }
        return null;
    }

    /** ECS Anywhere (EXTERNAL) instances have managed instance ids, mi-..., instead of EC2 ones. */
    private static boolean isExternal(ContainerInstance instance) {
        return instance.ec2InstanceId() != null && instance.ec2InstanceId().startsWith("mi-");
    }

    private LaunchType launchType() {
        return ((CapacityRequest.ByLaunchType) request.capacity()).launchType();
    }

    /** The instance that got furthest through the checks; among equals, the one with most of what it lacked. */
    private PlacementFailure closestMatching() {
        int closest = 0;
        for (int i = 1; i < size; i++) {
            int comparison = reasons[i].compareTo(reasons[closest]);
            if (comparison > 0 || (comparison == 0 && lacksLess(i, closest, reasons[i]))) {
                closest = i;
            }
        }
        return PlacementFailure.closestMatching(instances.get(closest).containerInstanceArn(), reasons[closest]);
    }

    private boolean lacksLess(int candidate, int current, RejectionReason reason) {
        return switch (reason) {
            case INSUFFICIENT_CPU -> cpu[candidate] > cpu[current];
            case INSUFFICIENT_MEMORY -> memory[candidate] > memory[current];
            default -> false;
        };
    }

    private List<Rejection> rejections() {
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (reasons[i] != null) {
                rejections.add(new Rejection(instances.get(i).containerInstanceArn(), reasons[i]));
            }
        }
        return rejections;
    }

    /** Numbers each instance's value of the attribute (absent is a value too) and counts the group's tasks per value. */
    private Ranker spreadOver(String attribute) {
        Map<String, Integer> valueIndex = new HashMap<>();
        int[] valueOf = new int[size];
        for (int i = 0; i < size; i++) {
            valueOf[i] = valueIndex.computeIfAbsent(view.attributesOf(i).get(attribute), v -> valueIndex.size());
        }
        int[] countByValue = new int[valueIndex.size()];
        for (int i = 0; i < size; i++) {
            countByValue[valueOf[i]] += groupTasks[i];
        }
        return new Ranker(null, valueOf, countByValue);
    }

    /** The instance a cluster query looks at, with the tasks this placement has put on it so far. */
    private final class Target implements QueryTarget {
        private int instance;

        @Override
        public boolean hasAttribute(String name) {
            return view.attributesOf(instance).containsKey(name);
        }

        @Override
        public String attribute(String name) {
            return view.attributesOf(instance).get(name);
        }

        @Override
        public String ec2InstanceId() {
            return instances.get(instance).ec2InstanceId();
        }

        @Override
        public Instant registeredAt() {
            return instances.get(instance).registeredAt();
        }

        @Override
        public int runningTasksCount() {
            return instances.get(instance).runningTasksCount();
        }

        @Override
        public boolean agentConnected() {
            return instances.get(instance).agentConnected();
        }

        @Override
        public String agentVersion() {
            ContainerInstance container = instances.get(instance);
            return container.versionInfo() == null ? null : container.versionInfo().agentVersion();
        }

        @Override
        public boolean hostsGroup(String group) {
            return view.groupsOn(instance).containsKey(group)
                    || (placedHere[instance] > 0 && group.equals(request.group()));
        }

        @Override
        public boolean hostsAnyGroup() {
            return !view.groupsOn(instance).isEmpty() || placedHere[instance] > 0;
        }

        @Override
        public boolean hostsGroupMatching(Predicate<String> test) {
            return view.groupsOn(instance).keySet().stream().anyMatch(test)
                    || (placedHere[instance] > 0 && test.test(request.group()));
        }
    }
}

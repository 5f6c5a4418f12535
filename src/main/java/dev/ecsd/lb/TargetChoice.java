package dev.ecsd.lb;

import dev.ecsd.model.elb.RuleAction.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/** How ALB picks: which registered targets may get requests, which one gets the next, and which group of a weighted forward. */
final class TargetChoice {
    private TargetChoice() {
    }

    /**
     * The targets that may get new requests: never a draining one; the healthy ones if there are any; otherwise
     * every other registered target, as ALB fails open when no target is healthy.
     */
    public static <T> List<T> candidates(List<T> registered, Predicate<T> draining, Predicate<T> healthy) {
        List<T> routable = new ArrayList<>();
        List<T> healthyOnes = new ArrayList<>();
        for (T target : registered) {
            if (draining.test(target)) {
                continue;
            }
            routable.add(target);
            if (healthy.test(target)) {
                healthyOnes.add(target);
            }
        }
        return List.copyOf(healthyOnes.isEmpty() ? routable : healthyOnes);
    }

    /** The {@code ticket}-th target in turn (tickets count up by one per request). */
    public static <T> T roundRobin(List<T> candidates, long ticket) {
        return candidates.get((int) Math.floorMod(ticket, (long) candidates.size()));
    }

    /**
     * The target with the fewest requests in flight; ties go to the first one in turn from the ticket's place, so
     * that idle targets share requests round-robin rather than the first one taking them all.
     */
    public static <T> T leastOutstanding(List<T> candidates, ToIntFunction<T> inFlight, long ticket) {
        int size = candidates.size();
        int start = (int) Math.floorMod(ticket, (long) size);
        T best = null;
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            T target = candidates.get((start + i) % size);
            int load = inFlight.applyAsInt(target);
            if (load < fewest) {
                fewest = load;
                best = target;
            }
        }
        return best;
    }

    /**
     * The group a weighted forward sends one request to, given {@code draw}, a uniform random number in
     * [0, total weight). A group of weight 0 gets nothing; when every weight is 0 there is no group.
     */
    public static Optional<String> weightedGroup(List<WeightedTargetGroup> groups, int draw) {
        int remaining = draw;
        for (WeightedTargetGroup group : groups) {
            if (group.weight() <= 0) {
                continue;
            }
            if (remaining < group.weight()) {
                return Optional.of(group.targetGroupArn());
            }
            remaining -= group.weight();
        }
        return Optional.empty();
    }

    /** The sum of the positive weights: the bound of the draw for {@link #weightedGroup}. */
    public static int totalWeight(List<WeightedTargetGroup> groups) {
        return groups.stream().mapToInt(group -> Math.max(0, group.weight())).sum();
    }
}

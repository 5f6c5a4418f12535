package dev.ecsd.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where a Fargate task's network interface goes among the subnets it may use: as ECS spreads a service's Fargate
 * tasks, balanced across the Availability Zones of those subnets, then across the subnets of the chosen zone.
 * Ties go to the zone first in name order, then to the subnet listed first, so the choice is deterministic.
 * Pure: given the live tasks' subnets, it returns the next ones.
 */
public final class ZoneSpread {
    private ZoneSpread() {
    }

    /**
     * The subnets for {@code count} new tasks, one each, given the subnets of the group's live tasks
     * ({@code placed}; subnets no longer in {@code subnets} still count for their zone) and each subnet's zone.
     */
    public static List<String> next(List<String> subnets, List<String> placed, Function<String, String> zoneOf,
            int count) {
        if (subnets.isEmpty()) {
            throw new IllegalArgumentException("no subnets to place in");
        }
        Map<String, Integer> perZone = new HashMap<>();
        Map<String, Integer> perSubnet = new HashMap<>();
        for (String subnet : placed) {
            perZone.merge(zoneOf.apply(subnet), 1, Integer::sum);
            perSubnet.merge(subnet, 1, Integer::sum);
        }
        TreeSet<String> zones = new TreeSet<>();
        subnets.forEach(s -> zones.add(zoneOf.apply(s)));
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String zone = zones.first();
            for (String candidate : zones) {
                if (perZone.getOrDefault(candidate, 0) < perZone.getOrDefault(zone, 0)) {
                    zone = candidate;
                }
            }
            String subnet = null;
            for (String candidate : subnets) {
                if (zoneOf.apply(candidate).equals(zone) && (subnet == null
                        || perSubnet.getOrDefault(candidate, 0) < perSubnet.getOrDefault(subnet, 0))) {
                    subnet = candidate;
                }
            }
            perZone.merge(zone, 1, Integer::sum);
            perSubnet.merge(subnet, 1, Integer::sum);
            chosen.add(subnet);
        }
        return chosen;
    }
}

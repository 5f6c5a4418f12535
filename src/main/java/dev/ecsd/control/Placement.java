package dev.ecsd.control;

import java.util.List;

/**
 * Where new tasks go, as data: the capacity provider of each task placed, and when fewer than asked could be
 * placed, ECS's reason for the rest. Never an exception: a service turns the reason into an event, RunTask into
 * an error.
 */
public record Placement(List<String> capacityProviders, String unplacedReason) {
    public Placement {
        capacityProviders = List.copyOf(capacityProviders);
    }

    public static Placement placed(List<String> capacityProviders) {
        return new Placement(capacityProviders, null);
    }

    public static Placement none(String reason) {
        return new Placement(List.of(), reason);
    }

    public boolean placedAll(int count) {
        return unplacedReason == null && capacityProviders.size() == count;
    }
}

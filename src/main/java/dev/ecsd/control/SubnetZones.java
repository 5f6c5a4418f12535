package dev.ecsd.control;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which Availability Zone a subnet is in. ecsd has no VPCs: a subnet id maps to one of the region's first three
 * zones ({@code <region>a}, {@code b}, {@code c}) by a hash of the id, the same on every run and every server, so
 * a task's zone follows from its subnet as on AWS, and a service given subnets that hash to different zones
 * spreads over them. Pure.
 */
public final class SubnetZones {
    /** The zone letters ecsd uses: every commercial region has at least three zones. */
    static final List<String> LETTERS = List.of("a", "b", "c");
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private SubnetZones() {
    }

    /** The Availability Zone of {@code subnetId} in {@code region}, such as {@code us-east-1b}. */
    public static String zoneOf(String region, String subnetId) {
        // FNV-1a over the id's bytes: specified here, so the mapping never changes with the JVM
        int hash = FNV_OFFSET;
        for (byte b : subnetId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return region + LETTERS.get(Integer.remainderUnsigned(hash, LETTERS.size()));
    }
}

package dev.ecsd.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch's retention: data of one-second resolution is kept 3 hours, then as one-minute data 15 days, then as
 * five-minute data 63 days, then as one-hour data 455 days. Each tier is stored at its resolution and rolled into
 * the next when it ages past its retention.
 */
public final class Resolutions {
    /** One storage tier: its bucket size and how long data is kept at it. */
    public record Tier(int seconds, Duration keptFor) {
        public long millis() {
            return seconds * 1000L;
        }

        /** The start of the bucket of this tier holding {@code timestampMillis}. */
        public long bucketStart(long timestampMillis) {
            return Math.floorDiv(timestampMillis, millis()) * millis();
        }
    }

    public static final List<Tier> TIERS = List.of(
            new Tier(1, Duration.ofHours(3)),
            new Tier(60, Duration.ofDays(15)),
            new Tier(300, Duration.ofDays(63)),
            new Tier(3600, Duration.ofDays(455)));

    private Resolutions() {
    }

    /**
     * The tier a datum of this storage resolution and timestamp is stored in now: its own, or the coarser one it
     * would already have been rolled into; empty if it is older than any tier keeps.
     */
    public static Optional<Tier> tierFor(int storageResolutionSeconds, long timestampMillis, long nowMillis) {
        long age = nowMillis - timestampMillis;
        for (Tier tier : TIERS) {
            if (tier.seconds() < storageResolutionSeconds) {
                continue;
            }
            if (age < tier.keptFor().toMillis()) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    /** The tier after {@code tier}, into which it rolls; empty for the last, whose data expires. */
    public static Optional<Tier> next(Tier tier) {
        int at = TIERS.indexOf(tier);
        return at + 1 < TIERS.size() ? Optional.of(TIERS.get(at + 1)) : Optional.empty();
    }
}

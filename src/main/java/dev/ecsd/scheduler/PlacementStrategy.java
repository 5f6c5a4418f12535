package dev.ecsd.scheduler;

import java.util.Locale;
import java.util.Objects;

/** A ranking of the container instances that passed every constraint; strategies apply in the order given. */
public sealed interface PlacementStrategy {
    /** What binpack packs by. */
    enum BinpackField {
        CPU, MEMORY
    }

    /** The instance with the least remaining cpu or memory first, so fewer instances are used. */
    record Binpack(BinpackField field) implements PlacementStrategy {
        public Binpack {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * The value with the fewest tasks of the request's group first; the field is {@code instanceId} (or {@code
     * host}, the same) or {@code attribute:<name>} such as {@code attribute:ecs.availability-zone}.
     */
    record Spread(String field) implements PlacementStrategy {
        public Spread {
            if (!"instanceId".equals(field) && !"host".equals(field)
                    && !(field != null && field.startsWith("attribute:") && field.length() > "attribute:".length())) {
                throw new IllegalArgumentException("The spread placement strategy's field must be instanceId, host or "
                        + "attribute:<name>, not '" + field + "'.");
            }
        }

        /** The attribute spread over, or null for instanceId/host. */
        public String attributeName() {
            return field.startsWith("attribute:") ? field.substring("attribute:".length()) : null;
        }
    }

    /** A random choice among the instances still tied, from the request's seeded generator. */
    record Random() implements PlacementStrategy {
    }

    static PlacementStrategy binpack(BinpackField field) {
        return new Binpack(field);
    }

    static PlacementStrategy spread(String field) {
        return new Spread(field);
    }

    static PlacementStrategy random() {
        return new Random();
    }

    /** From the stored shape ({@code type}, {@code field}); IllegalArgumentException when it is not valid. */
    static PlacementStrategy of(String type, String field) {
        return switch (String.valueOf(type)) {
            case "random" -> random();
            case "spread" -> spread(field);
            case "binpack" -> switch (String.valueOf(field).toLowerCase(Locale.ROOT)) {
                case "cpu" -> binpack(BinpackField.CPU);
                case "memory" -> binpack(BinpackField.MEMORY);
                default -> throw new IllegalArgumentException("The binpack placement strategy needs the field cpu or "
                        + "memory.");
            };
            default -> throw new IllegalArgumentException("Invalid placement strategy type '" + type
                    + "'. Valid values are random, spread and binpack.");
        };
    }
}

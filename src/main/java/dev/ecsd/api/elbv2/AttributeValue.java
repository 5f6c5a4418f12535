package dev.ecsd.api.elbv2;

import java.util.List;
import java.util.Locale;

/**
 * What values one ELBv2 attribute takes, and its default. Attributes are strings on the wire; a value that does
 * not fit its kind is a ValidationError naming the key and the value, as ELBv2 words it.
 */
record AttributeValue(String defaultValue, Kind kind, int min, int max, List<String> choices) {

    enum Kind { BOOLEAN, INTEGER, CHOICE, TEXT }

    static AttributeValue bool(String defaultValue) {
        return new AttributeValue(defaultValue, Kind.BOOLEAN, 0, 0, List.of("true", "false"));
    }

    static AttributeValue integer(String defaultValue, int min, int max) {
        return new AttributeValue(defaultValue, Kind.INTEGER, min, max, List.of());
    }

    static AttributeValue choice(String defaultValue, String... choices) {
        return new AttributeValue(defaultValue, Kind.CHOICE, 0, 0, List.of(choices));
    }

    static AttributeValue text(String defaultValue) {
        return new AttributeValue(defaultValue, Kind.TEXT, 0, 0, List.of());
    }

    /** The value as stored: booleans in lower case, numbers without leading zeros. */
    String check(String key, String value) {
        String given = value == null ? "" : value.trim();
        switch (kind) {
            case BOOLEAN, CHOICE -> {
                String normalized = kind == Kind.BOOLEAN ? given.toLowerCase(Locale.ROOT) : given;
                if (!choices.contains(normalized)) {
                    throw ElbErrors.validation("'" + key + "' value '" + given + "' must be one of '["
                            + String.join(", ", choices) + "]'");
                }
                return normalized;
            }
            case INTEGER -> {
                try {
                    int number = Integer.parseInt(given);
                    if (number >= min && number <= max) {
                        return Integer.toString(number);
                    }
                } catch (NumberFormatException e) {
                    // answered below
                }
                throw ElbErrors.validation("'" + key + "' value '" + given + "' must be between '" + min + "-" + max
                        + "' inclusive");
            }
            default -> {
                return value == null ? "" : value;
            }
        }
    }
}

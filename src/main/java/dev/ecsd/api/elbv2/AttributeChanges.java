package dev.ecsd.api.elbv2;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Applies the key/value pairs of a Modify*Attributes request to a table of attributes, checking each. */
final class AttributeChanges {
    private static final int MAX_PER_REQUEST = 20;

    private AttributeChanges() {
    }

    /** A key/value pair as the request holds it. */
    record Change(String key, String value) {
    }

    /**
     * The attributes with the changes applied, in key order; unknown keys are refused with {@code unknownKey}'s
     * message, every value is checked against its kind.
     */
    static Map<String, String> apply(Map<String, String> current, List<Change> changes,
            Map<String, AttributeValue> table, String unknownKeyMessage) {
        if (changes.size() > MAX_PER_REQUEST) {
            throw ElbErrors.validation("1 validation error detected: Value at 'attributes' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_PER_REQUEST);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change.key() == null || change.key().isEmpty()) {
                throw ElbErrors.validation("An attribute key must be specified");
            }
            AttributeValue value = table.get(change.key());
            if (value == null) {
                throw ElbErrors.validation(unknownKeyMessage.formatted(change.key()));
            }
            if (seen.put(change.key(), value.check(change.key(), change.value())) != null) {
                throw ElbErrors.validation("Attribute key '" + change.key() + "' was specified more than once");
            }
        }
        Map<String, String> result = new TreeMap<>(current);
        result.putAll(seen);
        return result;
    }

    /** Two tables of attributes as one. */
    static Map<String, AttributeValue> union(Map<String, AttributeValue> base, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> all = new HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }

    static Map<String, String> defaults(Map<String, AttributeValue> table) {
        Map<String, String> values = new TreeMap<>();
        table.forEach((key, value) -> values.put(key, value.defaultValue()));
        return values;
    }
}

package dev.ecsd.control.images;

import static dev.ecsd.control.images.LifecyclePolicyException.validationFailure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.control.images.LifecycleRule.CountType;
import dev.ecsd.control.images.LifecycleRule.TagStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a lifecyclePolicyText in two passes, as ECR does: first the JSON schema of the documented template
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html), answered in the words of
 * ECR's schema validator (messages recorded from ECR, e.g. "object has missing required properties ([\"rules\"])",
 * "instance failed to match exactly one schema (matched 0 out of 2)"); then the rules across the policy.
 */
final class LifecyclePolicyParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ECR documents at most four wildcards in one tagPatternList string. */
    private static final int MAX_WILDCARDS = 4;

    private LifecyclePolicyParser() {}

    static LifecyclePolicy parse(String text) {
        JsonNode root;
        try {
            root = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw validationFailure("Could not map policyString into LifecyclePolicy.");
        }
        properties(root, Set.of("rules"), Set.of());
        JsonNode rulesNode = root.get("rules");
        type(rulesNode, "array");
        if (rulesNode.isEmpty()) {
            throw validationFailure("array is too short: must have at least 1 elements but instance has 0 elements");
        }
        List<LifecycleRule> rules = new ArrayList<>();
        for (JsonNode rule : rulesNode) {
            rules.add(rule(rule));
        }
        acrossRules(rules);
        return new LifecyclePolicy(rules);
    }

    private static LifecycleRule rule(JsonNode rule) {
        type(rule, "object");
        properties(rule, Set.of("rulePriority", "selection", "action"), Set.of("description"));
        int rulePriority = positiveInteger(rule.get("rulePriority"));
        String description = null;
        if (rule.has("description")) {
            type(rule.get("description"), "string");
            description = rule.get("description").asText();
        }
        JsonNode action = rule.get("action");
        type(action, "object");
        properties(action, Set.of("type"), Set.of());
        oneOf(action.get("type"), "expire");

        JsonNode selection = rule.get("selection");
        type(selection, "object");
        properties(selection, Set.of("tagStatus", "countType", "countNumber"),
                Set.of("tagPrefixList", "tagPatternList", "countUnit"));
        String tagStatus = oneOf(selection.get("tagStatus"), "any", "tagged", "untagged");
        JsonNode countUnit = selection.get("countUnit");
        if (countUnit != null) {
            oneOf(countUnit, "days");
        }
        // The schema has two shapes of selection, one per countType: imageCountMoreThan without a countUnit,
        // sinceImagePushed with one ("an error will occur if you specify a count unit when countType is any other
        // value"). A selection that fits neither gets the validator's oneOf message, as an unknown countType does.
        JsonNode countTypeNode = selection.get("countType");
        type(countTypeNode, "string");
        CountType countType = switch (countTypeNode.asText()) {
            case "imageCountMoreThan" -> countUnit == null ? CountType.IMAGE_COUNT_MORE_THAN : null;
            case "sinceImagePushed" -> countUnit != null ? CountType.SINCE_IMAGE_PUSHED : null;
            default -> null;
        };
        if (countType == null) {
            throw validationFailure("instance failed to match exactly one schema (matched 0 out of 2)");
        }
        int countNumber = positiveInteger(selection.get("countNumber"));
        List<String> prefixes = strings(selection.get("tagPrefixList"));
        List<String> patterns = strings(selection.get("tagPatternList"));
        TagStatus status = Arrays.stream(TagStatus.values()).filter(s -> s.wire().equals(tagStatus)).findFirst()
                .orElseThrow();
        tagging(status, prefixes, patterns);
        return new LifecycleRule(rulePriority, description, status, prefixes, patterns, countType, countNumber);
    }

    /** The tagging requirements of one rule (lifecycle_policy_parameters.html, "Tag status"). */
    private static void tagging(TagStatus status, List<String> prefixes, List<String> patterns) {
        if (status == TagStatus.TAGGED && prefixes.isEmpty() && patterns.isEmpty()) {
            // ECR's own words, as users report them.
            throw validationFailure("Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.");
        }
        // Ours, as ECR's wording is not documented: "If you specify untagged, then you must omit both tagPrefixList
        // and tagPatternList"; "any" selects every image, so a tag list would mean nothing there either.
        if (status != TagStatus.TAGGED && (!prefixes.isEmpty() || !patterns.isEmpty())) {
            throw validationFailure("tagPrefixList and tagPatternList are only allowed when tagStatus=TAGGED.");
        }
        // Ours: the docs make each list required only when the other is absent; one rule names its tags one way.
        if (!prefixes.isEmpty() && !patterns.isEmpty()) {
            throw validationFailure("Specify either tagPrefixList or tagPatternList, not both.");
        }
        for (String pattern : patterns) {
            long wildcards = pattern.chars().filter(c -> c == '*').count();
            if (wildcards > MAX_WILDCARDS) {
                // Ours: the documented limit, in our words.
                throw validationFailure("tagPatternList '" + pattern + "' has " + wildcards
                        + " wildcards (*); at most " + MAX_WILDCARDS + " are allowed in one pattern.");
            }
        }
    }

    /** The documented constraints between rules (lifecycle policy evaluation rules). */
    private static void acrossRules(List<LifecycleRule> rules) {
        Map<Integer, Long> priorities = rules.stream()
                .collect(Collectors.groupingBy(LifecycleRule::rulePriority, Collectors.counting()));
        priorities.forEach((priority, count) -> {
            if (count > 1) {
                // Ours: ECR documents the constraint, not its message.
                throw validationFailure("rulePriority must be unique; " + priority + " is used by " + count
                        + " rules.");
            }
        });
        if (rules.stream().filter(r -> r.tagStatus() == TagStatus.UNTAGGED).count() > 1) {
            throw validationFailure("Only one rule can select Untagged images.");
        }
        int highest = rules.stream().mapToInt(LifecycleRule::rulePriority).max().orElseThrow();
        if (rules.stream().anyMatch(r -> r.tagStatus() == TagStatus.ANY && r.rulePriority() != highest)) {
            // ECR's words: "lowest priority" is the highest rulePriority value, the rule evaluated last.
            throw validationFailure("Rule for tagStatus=ANY must have the lowest priority");
        }
        // "The set of rules must contain a unique set of tag prefixes": two tagged rules may not name the same set.
        Map<Set<String>, Integer> seen = new HashMap<>();
        for (LifecycleRule rule : rules) {
            if (rule.tagStatus() != TagStatus.TAGGED) {
                continue;
            }
            Set<String> tags = new TreeSet<>(rule.tagPrefixList().isEmpty() ? rule.tagPatternList()
                    : rule.tagPrefixList());
            Integer other = seen.putIfAbsent(tags, rule.rulePriority());
            if (other != null) {
                // Ours: ECR documents the constraint, not its message.
                throw validationFailure("The set of rules must contain a unique set of tag prefixes; rules "
                        + other + " and " + rule.rulePriority() + " both select " + tags + ".");
            }
        }
    }

    /** Required properties first, then ones the schema does not know, as the schema validator reports them. */
    private static void properties(JsonNode object, Set<String> required, Set<String> optional) {
        Set<String> missing = new TreeSet<>(required);
        object.fieldNames().forEachRemaining(missing::remove);
        if (!missing.isEmpty()) {
            throw validationFailure("object has missing required properties (" + list(missing) + ")");
        }
        Set<String> unknown = new TreeSet<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!required.contains(name) && !optional.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw validationFailure("object instance has properties which are not allowed by the schema: ("
                    + list(unknown) + ")");
        }
    }

    private static String oneOf(JsonNode value, String... allowed) {
        type(value, "string");
        if (!Arrays.asList(allowed).contains(value.asText())) {
            throw validationFailure("instance value (" + value.asText() + ") not found in enum :(possible values: "
                    + list(new TreeSet<>(Arrays.asList(allowed))) + ")");
        }
        return value.asText();
    }

    private static int positiveInteger(JsonNode value) {
        type(value, "integer");
        if (value.canConvertToInt() && value.intValue() >= 1) {
            return value.intValue();
        }
        if (value.canConvertToInt() || value.bigIntegerValue().signum() < 0) {
            throw validationFailure("numeric instance is lower than the required minimum (minimum: 1, found: "
                    + value.asText() + ")");
        }
        throw validationFailure("numeric instance is greater than the required maximum (maximum: "
                + Integer.MAX_VALUE + ", found: " + value.asText() + ")");
    }

    private static List<String> strings(JsonNode value) {
        if (value == null) {
            return List.of();
        }
        type(value, "array");
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            type(element, "string");
            strings.add(element.asText());
        }
        return strings;
    }

    private static void type(JsonNode value, String expected) {
        String actual = typeOf(value);
        if (!actual.equals(expected)) {
            throw validationFailure("instance type (" + actual + ") does not match any allowed primitive type "
                    + "(allowed: [\"" + expected + "\"])");
        }
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            default -> "null";
        };
    }

    /** A JSON list of names as the validator prints it: ["a", "b"]. */
    private static String list(Set<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}

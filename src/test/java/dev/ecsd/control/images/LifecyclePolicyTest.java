package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.control.images.LifecycleRule.CountType;
import dev.ecsd.control.images.LifecycleRule.TagStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing and validating a lifecyclePolicyText as PutLifecyclePolicy does. */
class LifecyclePolicyTest {
    private static final String PREFIX = "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: "
            + "'Lifecycle policy validation failure: ";
    private static final String ACTION = "\"action\": {\"type\": \"expire\"}";

    /** One rule with the given priority and selection body. */
    static String rule(int priority, String selection) {
        return "{\"rulePriority\": " + priority + ", \"selection\": {" + selection + "}, " + ACTION + "}";
    }

    static String policy(String... rules) {
        return "{\"rules\": [" + String.join(", ", rules) + "]}";
    }

    @Test
    void readsEveryFieldOfTheDocumentedTemplate() {
        LifecyclePolicy policy = LifecyclePolicy.parse("""
                {"rules": [
                  {"rulePriority": 5, "description": "prod by prefix",
                   "selection": {"tagStatus": "tagged", "tagPrefixList": ["prod", "v"],
                                 "countType": "imageCountMoreThan", "countNumber": 3},
                   "action": {"type": "expire"}},
                  {"rulePriority": 2, "selection": {"tagStatus": "tagged", "tagPatternList": ["rc-*-x"],
                   "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14},
                   "action": {"type": "expire"}},
                  {"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                   "countUnit": "days", "countNumber": 1}, "action": {"type": "expire"}},
                  {"rulePriority": 9, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan",
                   "countNumber": 100}, "action": {"type": "expire"}}
                ]}""");

        assertThat(policy.rules()).containsExactly(
                new LifecycleRule(5, "prod by prefix", TagStatus.TAGGED, List.of("prod", "v"), List.of(),
                        CountType.IMAGE_COUNT_MORE_THAN, 3),
                new LifecycleRule(2, null, TagStatus.TAGGED, List.of(), List.of("rc-*-x"), CountType.SINCE_IMAGE_PUSHED,
                        14),
                new LifecycleRule(1, null, TagStatus.UNTAGGED, List.of(), List.of(), CountType.SINCE_IMAGE_PUSHED, 1),
                new LifecycleRule(9, null, TagStatus.ANY, List.of(), List.of(), CountType.IMAGE_COUNT_MORE_THAN, 100));
        assertThat(policy.rulesInPriorityOrder()).extracting(LifecycleRule::rulePriority).containsExactly(1, 2, 5, 9);
    }

    static Stream<Arguments> refused() {
        String untaggedCount = "\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 1";
        return Stream.of(
                Arguments.of("not JSON", "rules:", "Could not map policyString into LifecyclePolicy."),
                Arguments.of("not an object", "[]", "Could not map policyString into LifecyclePolicy."),
                Arguments.of("no rules", "{\"no_rules\": 1}", "object has missing required properties ([\"rules\"])"),
                Arguments.of("unknown top-level property", "{\"rules\": [" + rule(1, untaggedCount) + "], \"x\": 1}",
                        "object instance has properties which are not allowed by the schema: ([\"x\"])"),
                Arguments.of("rules not a list", "{\"rules\": {}}",
                        "instance type (object) does not match any allowed primitive type (allowed: [\"array\"])"),
                Arguments.of("no rule in the list", "{\"rules\": []}",
                        "array is too short: must have at least 1 elements but instance has 0 elements"),
                Arguments.of("rule not an object", policy("\"not_dict\""),
                        "instance type (string) does not match any allowed primitive type (allowed: [\"object\"])"),
                Arguments.of("rule without rulePriority nor action",
                        policy("{\"selection\": {" + untaggedCount + "}}"),
                        "object has missing required properties ([\"action\", \"rulePriority\"])"),
                Arguments.of("rule with an unknown property",
                        policy("{\"rulePriority\": 1, \"selection\": {" + untaggedCount + "}, " + ACTION
                                + ", \"unknown\": 123}"),
                        "object instance has properties which are not allowed by the schema: ([\"unknown\"])"),
                Arguments.of("rulePriority zero", policy(rule(0, untaggedCount)),
                        "numeric instance is lower than the required minimum (minimum: 1, found: 0)"),
                Arguments.of("rulePriority a string",
                        policy("{\"rulePriority\": \"1\", \"selection\": {" + untaggedCount + "}, " + ACTION + "}"),
                        "instance type (string) does not match any allowed primitive type (allowed: [\"integer\"])"),
                Arguments.of("rulePriority a fraction",
                        policy("{\"rulePriority\": 1.5, \"selection\": {" + untaggedCount + "}, " + ACTION + "}"),
                        "instance type (number) does not match any allowed primitive type (allowed: [\"integer\"])"),
                Arguments.of("description not a string",
                        policy("{\"rulePriority\": 1, \"description\": 7, \"selection\": {" + untaggedCount + "}, "
                                + ACTION + "}"),
                        "instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])"),
                Arguments.of("action without type",
                        policy("{\"rulePriority\": 1, \"selection\": {" + untaggedCount + "}, \"action\": {}}"),
                        "object has missing required properties ([\"type\"])"),
                Arguments.of("action of an unknown type",
                        policy("{\"rulePriority\": 1, \"selection\": {" + untaggedCount
                                + "}, \"action\": {\"type\": \"keep\"}}"),
                        "instance value (keep) not found in enum :(possible values: [\"expire\"])"),
                Arguments.of("selection without tagStatus",
                        policy(rule(1, "\"countType\": \"imageCountMoreThan\", \"countNumber\": 30")),
                        "object has missing required properties ([\"tagStatus\"])"),
                Arguments.of("selection without countNumber",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\"")),
                        "object has missing required properties ([\"countNumber\"])"),
                Arguments.of("selection with storageClass, which ecsd does not have",
                        policy(rule(1, untaggedCount + ", \"storageClass\": \"archive\"")),
                        "object instance has properties which are not allowed by the schema: ([\"storageClass\"])"),
                Arguments.of("unknown tagStatus",
                        policy(rule(1, "\"tagStatus\": \"some\", \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": 1")),
                        "instance value (some) not found in enum :(possible values: [\"any\", \"tagged\", "
                                + "\"untagged\"])"),
                Arguments.of("unknown countType",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePulled\", "
                                + "\"countNumber\": 1")),
                        "instance failed to match exactly one schema (matched 0 out of 2)"),
                Arguments.of("countUnit with imageCountMoreThan",
                        policy(rule(1, untaggedCount + ", \"countUnit\": \"days\"")),
                        "instance failed to match exactly one schema (matched 0 out of 2)"),
                Arguments.of("sinceImagePushed without countUnit",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", "
                                + "\"countNumber\": 1")),
                        "instance failed to match exactly one schema (matched 0 out of 2)"),
                Arguments.of("countUnit other than days",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", "
                                + "\"countUnit\": \"hours\", \"countNumber\": 1")),
                        "instance value (hours) not found in enum :(possible values: [\"days\"])"),
                Arguments.of("countNumber zero",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": 0")),
                        "numeric instance is lower than the required minimum (minimum: 1, found: 0)"),
                Arguments.of("countNumber negative",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": -1")),
                        "numeric instance is lower than the required minimum (minimum: 1, found: -1)"),
                Arguments.of("countNumber past an int",
                        policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": 3000000000")),
                        "numeric instance is greater than the required maximum (maximum: 2147483647, found: "
                                + "3000000000)"),
                Arguments.of("tagPrefixList not a list of strings",
                        policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [1], "
                                + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1")),
                        "instance type (integer) does not match any allowed primitive type (allowed: [\"string\"])"),
                Arguments.of("tagged without a tag list",
                        policy(rule(1, "\"tagStatus\": \"tagged\", \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": 1")),
                        "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED."),
                Arguments.of("tagged with an empty tag list",
                        policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [], "
                                + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1")),
                        "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED."),
                Arguments.of("untagged with a tag list",
                        policy(rule(1, untaggedCount + ", \"tagPrefixList\": [\"prod\"]")),
                        "tagPrefixList and tagPatternList are only allowed when tagStatus=TAGGED."),
                Arguments.of("any with a tag list",
                        policy(rule(1, "\"tagStatus\": \"any\", \"tagPatternList\": [\"*\"], "
                                + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1")),
                        "tagPrefixList and tagPatternList are only allowed when tagStatus=TAGGED."),
                Arguments.of("both tag lists",
                        policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"a\"], "
                                + "\"tagPatternList\": [\"b*\"], \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": 1")),
                        "Specify either tagPrefixList or tagPatternList, not both."),
                Arguments.of("five wildcards in a pattern (the documented refusal)",
                        policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPatternList\": [\"test*1*2*3*4*5\"], "
                                + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1")),
                        "tagPatternList 'test*1*2*3*4*5' has 5 wildcards (*); at most 4 are allowed in one pattern."),
                Arguments.of("two rules with one priority",
                        policy(rule(3, untaggedCount), rule(3, "\"tagStatus\": \"any\", "
                                + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1")),
                        "rulePriority must be unique; 3 is used by 2 rules."),
                Arguments.of("two untagged rules", policy(rule(1, untaggedCount), rule(2, untaggedCount)),
                        "Only one rule can select Untagged images."),
                Arguments.of("any rule before another",
                        policy(rule(1, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", "
                                + "\"countNumber\": 1"), rule(2, untaggedCount)),
                        "Rule for tagStatus=ANY must have the lowest priority"),
                Arguments.of("two rules with the same tag prefixes",
                        policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"a\", \"b\"], "
                                        + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1"),
                                rule(2, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"b\", \"a\"], "
                                        + "\"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", "
                                        + "\"countNumber\": 1")),
                        "The set of rules must contain a unique set of tag prefixes; rules 1 and 2 both select "
                                + "[a, b]."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatEcrRefusesWithItsMessage(String why, String text, String reason) {
        assertThatThrownBy(() -> LifecyclePolicy.parse(text))
                .isInstanceOf(LifecyclePolicyException.class)
                .hasMessage(PREFIX + reason + "'");
    }

    @Test
    void acceptsFourWildcardsInAPatternAsTheDocsShow() {
        // lifecycle_policy_parameters.html: ["*test*1*2*3", "test*1*2*3*"] is valid.
        LifecyclePolicy policy = LifecyclePolicy.parse(policy(rule(1, "\"tagStatus\": \"tagged\", "
                + "\"tagPatternList\": [\"*test*1*2*3\", \"test*1*2*3*\"], \"countType\": \"imageCountMoreThan\", "
                + "\"countNumber\": 1")));

        assertThat(policy.rules().getFirst().tagPatternList()).containsExactly("*test*1*2*3", "test*1*2*3*");
    }

    @Test
    void refusesNoText() {
        assertThatThrownBy(() -> LifecyclePolicy.parse(null)).isInstanceOf(LifecyclePolicyException.class)
                .hasMessage(PREFIX + "Could not map policyString into LifecyclePolicy.'");
    }
}

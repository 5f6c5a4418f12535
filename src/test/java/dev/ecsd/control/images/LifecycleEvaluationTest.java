package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which images a lifecycle policy expires. The policies and repositories of ECR's "Examples of lifecycle policies"
 * (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html) are reproduced with the
 * outcome the page states.
 */
class LifecycleEvaluationTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static LifecycleImage image(String name, Duration age, String... tags) {
        return new LifecycleImage("sha256:" + name, List.of(tags), NOW.minus(age));
    }

    private static LifecycleImage daysAgo(String name, int days, String... tags) {
        return image(name, Duration.ofDays(days), tags);
    }

    private static List<String> expired(String policyText, LifecycleImage... images) {
        return LifecycleEvaluation.evaluate(LifecyclePolicy.parse(policyText), List.of(images), NOW).stream()
                .map(e -> e.digest().substring("sha256:".length())).toList();
    }

    private static String rule(int priority, String selection) {
        return LifecyclePolicyTest.rule(priority, selection);
    }

    private static String policy(String... rules) {
        return LifecyclePolicyTest.policy(rules);
    }

    @Test
    void keepTheLastTwoImagesExpiresTheOldestOfThree() {
        String keepTwo = policy(rule(1, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", "
                + "\"countNumber\": 2"));
        LifecycleImage first = image("first", Duration.ofMinutes(3), "v1");
        LifecycleImage second = image("second", Duration.ofMinutes(2), "v2");
        LifecycleImage third = image("third", Duration.ofMinutes(1), "v3");

        List<LifecycleExpiry> expiries = LifecycleEvaluation.evaluate(LifecyclePolicy.parse(keepTwo),
                List.of(third, first, second), NOW);

        assertThat(expiries).containsExactly(new LifecycleExpiry("sha256:first", List.of("v1"), first.pushedAt(), 1));
        assertThat(expired(keepTwo, first, second)).isEmpty();
    }

    @Test
    void filteringOnImageAgeExpiresProdImagesOlderThan14Days() {
        // "Filtering on image age": tagPatternList prod*, sinceImagePushed 14 days.
        String text = policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPatternList\": [\"prod*\"], "
                + "\"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", \"countNumber\": 14"));

        assertThat(expired(text, daysAgo("prodOld", 20, "prod"), daysAgo("prod1Old", 15, "prod1"),
                daysAgo("prodNew", 13, "prod2"), daysAgo("betaOld", 30, "beta"), daysAgo("untagged", 30),
                image("justUnder", Duration.ofDays(14).minusSeconds(1), "prod3")))
                .containsExactly("prodOld", "prod1Old");
    }

    @Test
    void filteringOnImageAgeOfUntaggedImages() {
        // The page's earlier version of the same example: untagged images older than 14 days.
        String text = policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", "
                + "\"countUnit\": \"days\", \"countNumber\": 14"));

        assertThat(expired(text, daysAgo("old", 15), daysAgo("young", 13), daysAgo("oldTagged", 40, "v1")))
                .containsExactly("old");
    }

    @Test
    void filteringOnImageCountKeepsOneUntaggedImage() {
        // "Filtering on image count": keep only one untagged image, expire all others.
        String text = policy(rule(1, "\"tagStatus\": \"untagged\", \"countType\": \"imageCountMoreThan\", "
                + "\"countNumber\": 1"));

        assertThat(expired(text, daysAgo("u1", 3), daysAgo("u2", 2), daysAgo("u3", 1), daysAgo("t1", 9, "latest")))
                .containsExactly("u1", "u2");
    }

    private static final LifecycleImage[] MULTIPLE_RULES_REPOSITORY = {
        daysAgo("A", 10, "beta-1", "prod-1"), daysAgo("B", 9, "beta-2", "prod-2"), daysAgo("C", 8, "beta-3")};
    private static final String PROD_KEEP_ONE = "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"prod\"], "
            + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1";
    private static final String BETA_KEEP_ONE = "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"beta\"], "
            + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1";

    @Test
    void filteringOnMultipleRulesExampleA() {
        // Rule 1 (prod) marks A; rule 2 (beta) would mark A and B, but both met rule 1's tagging requirements.
        List<LifecycleExpiry> expiries = LifecycleEvaluation.evaluate(
                LifecyclePolicy.parse(policy(rule(1, PROD_KEEP_ONE), rule(2, BETA_KEEP_ONE))),
                List.of(MULTIPLE_RULES_REPOSITORY), NOW);

        assertThat(expiries).extracting(LifecycleExpiry::digest, LifecycleExpiry::appliedRulePriority)
                .containsExactly(tuple("sha256:A", 1));
    }

    @Test
    void filteringOnMultipleRulesExampleB() {
        // The same rules with the priorities swapped: rule 1 (beta) marks A and B; rule 2 (prod) sees nothing new.
        List<LifecycleExpiry> expiries = LifecycleEvaluation.evaluate(
                LifecyclePolicy.parse(policy(rule(1, BETA_KEEP_ONE), rule(2, PROD_KEEP_ONE))),
                List.of(MULTIPLE_RULES_REPOSITORY), NOW);

        assertThat(expiries).extracting(LifecycleExpiry::digest, LifecycleExpiry::appliedRulePriority)
                .containsExactly(tuple("sha256:A", 1), tuple("sha256:B", 1));
    }

    @Test
    void filteringOnMultipleTagsInASingleRuleExampleA() {
        // Images must match every listed prefix: C and F do; of those only C is older than five days.
        String text = policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"alpha\", \"beta\"], "
                + "\"countType\": \"sinceImagePushed\", \"countNumber\": 5, \"countUnit\": \"days\""));

        assertThat(expired(text, daysAgo("A", 12, "alpha-1"), daysAgo("B", 11, "beta-1"),
                daysAgo("C", 10, "alpha-2", "beta-2"), daysAgo("D", 4, "alpha-3"), daysAgo("E", 3, "beta-3"),
                daysAgo("F", 2, "alpha-4", "beta-4")))
                .containsExactly("C");
    }

    @Test
    void filteringOnMultipleTagsInASingleRuleExampleB() {
        // Tags are not exclusive: a third tag (gamma) does not stop an image from matching alpha and beta.
        String text = policy(rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"alpha\", \"beta\"], "
                + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1"));

        assertThat(expired(text, daysAgo("A", 10, "alpha-1", "beta-1", "gamma-1"), daysAgo("B", 9, "alpha-2", "beta-2"),
                daysAgo("C", 8, "alpha-3", "beta-3", "gamma-2")))
                .containsExactly("A", "B");
    }

    @Test
    void filteringOnAllImagesExampleA() {
        String text = policy(rule(1, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", "
                + "\"countNumber\": 1"));

        assertThat(expired(text, daysAgo("A", 4, "alpha-1"), daysAgo("B", 3, "beta-1"), daysAgo("C", 2),
                daysAgo("D", 1, "alpha-2")))
                .containsExactly("A", "B", "C");
    }

    @Test
    void filteringOnAllImagesExampleBCombinesEveryRuleType() {
        // The page pushes D and E both "1 day ago" and keeps E, so E is the younger: here by a minute.
        String text = policy(
                rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"alpha\"], "
                        + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 1"),
                rule(2, "\"tagStatus\": \"untagged\", \"countType\": \"sinceImagePushed\", \"countUnit\": \"days\", "
                        + "\"countNumber\": 1"),
                rule(3, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 1"));

        List<LifecycleExpiry> expiries = LifecycleEvaluation.evaluate(LifecyclePolicy.parse(text), List.of(
                daysAgo("A", 4, "alpha-1", "beta-1"), daysAgo("B", 3), daysAgo("C", 2, "alpha-2"),
                daysAgo("D", 1, "git hash"), image("E", Duration.ofDays(1).minusMinutes(1))), NOW);

        // Rule 1 marks A, rule 2 marks B; rule 3 keeps E (the newest) and may not mark A, B, C or E, so it marks D.
        assertThat(expiries).extracting(LifecycleExpiry::digest, LifecycleExpiry::appliedRulePriority)
                .containsExactly(tuple("sha256:A", 1), tuple("sha256:B", 2), tuple("sha256:D", 3));
    }

    @Test
    void anImageARuleSelectsIsNeverExpiredByALaterRule() {
        // Keep the 10 newest prod images, and 1 of everything else: the prod images are safe from rule 2.
        String text = policy(
                rule(1, "\"tagStatus\": \"tagged\", \"tagPrefixList\": [\"prod\"], "
                        + "\"countType\": \"imageCountMoreThan\", \"countNumber\": 10"),
                rule(2, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", \"countNumber\": 1"));

        assertThat(expired(text, daysAgo("prodOld", 9, "prod-1"), daysAgo("devOld", 8, "dev-1"),
                daysAgo("untagged", 7), daysAgo("prodNew", 2, "prod-2"), daysAgo("devNew", 1, "dev-2")))
                .containsExactly("devOld", "untagged");
    }

    @Test
    void expiriesComeOldestFirstWithTheirTagsAndPushTime() {
        String text = policy(rule(1, "\"tagStatus\": \"any\", \"countType\": \"sinceImagePushed\", "
                + "\"countUnit\": \"days\", \"countNumber\": 1"));
        LifecycleImage middle = daysAgo("middle", 5, "v2", "stable");
        LifecycleImage oldest = daysAgo("oldest", 6);

        assertThat(LifecycleEvaluation.evaluate(LifecyclePolicy.parse(text), List.of(middle, oldest), NOW))
                .containsExactly(new LifecycleExpiry("sha256:oldest", List.of(), oldest.pushedAt(), 1),
                        new LifecycleExpiry("sha256:middle", List.of("v2", "stable"), middle.pushedAt(), 1));
    }

    @Test
    void imagesPushedInTheSameInstantAreCountedInDigestOrder() {
        String text = policy(rule(1, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", "
                + "\"countNumber\": 1"));

        assertThat(expired(text, daysAgo("b", 1), daysAgo("a", 1))).containsExactly("b");
    }

    @Test
    void anEmptyRepositoryExpiresNothing() {
        assertThat(expired(policy(rule(1, "\"tagStatus\": \"any\", \"countType\": \"imageCountMoreThan\", "
                + "\"countNumber\": 1")))).isEmpty();
    }

    @Test
    void tagPatternsMatchWholeTagsWithWildcards() {
        assertThat(LifecycleRule.wildcardMatch("prod*", "prod")).isTrue();
        assertThat(LifecycleRule.wildcardMatch("prod*", "prod-2")).isTrue();
        assertThat(LifecycleRule.wildcardMatch("prod*", "preprod")).isFalse();
        assertThat(LifecycleRule.wildcardMatch("prod", "prod-2")).isFalse();
        assertThat(LifecycleRule.wildcardMatch("*-rc", "1.2-rc")).isTrue();
        assertThat(LifecycleRule.wildcardMatch("*-rc", "1.2-rc1")).isFalse();
        assertThat(LifecycleRule.wildcardMatch("*test*1*2*3", "my-test-1-2-3")).isTrue();
        assertThat(LifecycleRule.wildcardMatch("a*b*a", "aba")).isTrue();
        assertThat(LifecycleRule.wildcardMatch("a*a", "a")).isFalse();
        assertThat(LifecycleRule.wildcardMatch("*", "")).isTrue();
    }
}

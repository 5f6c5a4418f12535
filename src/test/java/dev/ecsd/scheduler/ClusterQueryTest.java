package dev.ecsd.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ContainerInstance;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterQueryTest {
    private static final ContainerInstance SMALL_IN_A = Fleets.instance(1).zone("us-east-1a").type("t2.small")
            .attribute("stack", "prod").attribute("ecs.capability.docker-plugin", null)
            .registeredAt(Instant.parse("2018-02-01T10:00:00Z")).runningTasks(1).build();

    private static boolean matches(String expression) {
        return matches(expression, Set.of("service:production"));
    }

    private static boolean matches(String expression, Set<String> groups) {
        return ClusterQuery.parse(expression).matches(SMALL_IN_A, groups);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "attribute:ecs.instance-type == t2.small => true",
            "attribute:ecs.instance-type equals t2.medium => false",
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b] => true",
            "attribute:ecs.availability-zone not_in [us-east-1a, us-east-1b] => false",
            "attribute:ecs.availability-zone not in [us-east-1c] => true",
            "attribute:ecs.availability-zone !in [us-east-1c] => true",
            "attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone != us-east-1d => true",
            "attribute:ecs.instance-type !~ t2.* => false",
            "attribute:ecs.instance-type matches 't2\\.(small|medium)' => true",
            "task:group == service:production => true",
            "not(task:group == database) => true",
            "task:group in [database, service:production] => true",
            "task:group exists => true",
            "runningTasksCount == 1 => true",
            "runningTasksCount > 1 => false",
            "registeredAt < 2018-02-13 => true",
            "registeredAt >= 2018-02-01T10:00:00+00:00 => true",
            "registeredAt > 2018-02-01T10:00:00Z => false",
            "registeredAt <= 2018-02-01T09:59:59 => false",
            "ec2InstanceId in ['i-00000000000000001', 'i-wxyx7890'] => true",
            "ec2InstanceId == \"i-00000000000000002\" => false",
            "agentConnected == true => true",
            "agentVersion < 1.100.0 => true",
            "agentVersion >= 1.9 => true",
            "attribute:stack exists => true",
            "attribute:ecs.capability.docker-plugin exists => true",
            "attribute:team exists => false",
            "attribute:team !exists => true",
            "attribute:team not_exists => true",
            "attribute:team != platform => true",
            "attribute:team == platform => false",
            "attribute:stack == prod && !(attribute:ecs.availability-zone == us-east-1b) => true",
            "attribute:stack == test || attribute:stack == prod => true",
            "NOT attribute:stack == prod OR attribute:stack == test => false",
    })
    void evaluatesTheExamplesOfEcsDocumentationAndMore(String expression, boolean expected) {
        assertThat(matches(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanBoth() {
        // true or (false and false) = true; (true or false) and false would be false
        assertThat(matches("attribute:stack == prod or attribute:stack == x and attribute:stack == y")).isTrue();
        assertThat(matches("(attribute:stack == prod or attribute:stack == x) and attribute:stack == y")).isFalse();
        // (not true) and true = false; not (true and true) = false; not applies to the next operand only
        assertThat(matches("not attribute:stack == prod or attribute:stack == prod")).isTrue();
        assertThat(matches("not (attribute:stack == prod or attribute:stack == x)")).isFalse();
        assertThat(matches("not not attribute:stack == prod")).isTrue();
    }

    @Test
    void numbersCompareAsNumbersAndOtherTextAsText() {
        ContainerInstance big = Fleets.instance(2).attribute("slots", "10").attribute("tier", "b").build();
        assertThat(ClusterQuery.parse("attribute:slots > 9").matches(big, Set.of())).isTrue();
        assertThat(ClusterQuery.parse("attribute:tier > a and attribute:tier < c").matches(big, Set.of())).isTrue();
    }

    @Test
    void taskGroupIsTheSetOfGroupsOnTheInstance() {
        assertThat(matches("task:group == database", Set.of())).isFalse();
        assertThat(matches("task:group !exists", Set.of())).isTrue();
        assertThat(matches("task:group != database", Set.of("web", "database"))).isFalse();
        assertThat(matches("task:group =~ data.*", Set.of("web", "database"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "`` => the expression is empty",
            "attribute:ecs.instance-type => expected an operator after 'attribute:ecs.instance-type', found the end",
            "attribute:ecs.instance-type = t2.small => expected an operator after 'attribute:ecs.instance-type', found '= t2.small' (at character 29)",
            "attribute:stack == => expected a value after '==', found the end",
            "instanceType == t2.small => unknown subject 'instanceType'; valid subjects are attribute:<name>, ec2InstanceId, registeredAt, runningTasksCount, agentConnected, agentVersion and task:group (at character 1)",
            "attribute: == x => unknown subject 'attribute:'",
            "(attribute:stack == prod => the '(' here is never closed (at character 1)",
            "attribute:stack == prod) => unbalanced ')' (at character 24)",
            "attribute:stack == prod attribute:x == y => expected 'and', 'or' or the end of the expression, found 'attribute:x == y' (at character 25)",
            "attribute:stack in prod => the operator 'in' expects a list such as [a, b], found 'prod'",
            "attribute:stack in [a, b => expected ',' or ']' in the list, found the end",
            "attribute:stack in [a, ] => expected a value after 'in', found ']'",
            "attribute:stack =~ '[a' => is not a valid Java regular expression",
            "attribute:stack == 'prod => the quoted value starting here is never closed (at character 20)",
            "ec2InstanceId > i-1 => the operator '>' cannot be used with ec2InstanceId; valid operators: ==, !=, in, !in, =~, !~",
            "registeredAt in [2018-01-01] => the operator 'in' cannot be used with registeredAt",
            "registeredAt < yesterday => registeredAt compares with a date such as 2018-06-18 or 2018-06-18T22:28:28Z, not 'yesterday'",
            "runningTasksCount > many => runningTasksCount compares with a whole number, not 'many'",
            "attribute:stack == prod and => expected an expression such as 'attribute:ecs.instance-type == t2.small', found the end",
    })
    void malformedExpressionsSayWhatIsWrongAndWhere(String expression, String problem) {
        assertThatThrownBy(() -> ClusterQuery.parse(expression))
                .isInstanceOf(ClusterQueryException.class)
                .hasMessageStartingWith("Invalid cluster query expression '" + expression + "': ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith(".");
        assertThat(ClusterQuery.validate(expression)).isPresent();
    }

    @Test
    void expressionsAreAtMost2000CharactersLong() {
        String longest = "attribute:stack == " + "x".repeat(2000 - "attribute:stack == ".length());
        assertThat(ClusterQuery.validate(longest)).isEmpty();
        assertThat(ClusterQuery.validate(longest + "x")).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("the maximum is 2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"attribute:a==b", "  attribute:a == b  ", "(attribute:a == b)and(attribute:c == d)",
            "attribute:a in [b,c]", "not(attribute:a exists)", "attribute:ecs.os-type == linux AND task:group != x"})
    void blanksAreOptionalBetweenTokens(String expression) {
        assertThat(ClusterQuery.validate(expression)).isEmpty();
    }

    @Test
    void constraintsAndStrategiesComeFromTheirStoredShape() {
        assertThat(PlacementConstraint.of("memberOf", "attribute:a == b"))
                .isEqualTo(new PlacementConstraint.MemberOf(ClusterQuery.parse("attribute:a == b")));
        assertThat(PlacementConstraint.of("distinctInstance", null)).isEqualTo(PlacementConstraint.distinctInstance());
        assertThat(PlacementStrategy.of("binpack", "memory"))
                .isEqualTo(PlacementStrategy.binpack(PlacementStrategy.BinpackField.MEMORY));
        assertThat(List.of(PlacementStrategy.of("spread", "host"), PlacementStrategy.of("random", null)))
                .containsExactly(new PlacementStrategy.Spread("host"), new PlacementStrategy.Random());
        assertThatThrownBy(() -> PlacementStrategy.of("spread", "zone")).hasMessageContaining("instanceId, host or");
        assertThatThrownBy(() -> PlacementConstraint.of("memberOf", "nonsense")).isInstanceOf(ClusterQueryException.class);
    }
}

package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/** Rule conditions in both their forms, and ALB's limits on them. */
class ConditionRulesTest {
    private static List<dev.ecsd.model.elb.RuleCondition> read(RuleCondition... conditions) {
        return ConditionRules.fromSdk(List.of(conditions));
    }

    private static RuleCondition path(String... values) {
        return RuleCondition.builder().field("path-pattern").pathPatternConfig(c -> c.values(values)).build();
    }

    @Test
    void theLegacyAndTheConfigFormReadTheSameAndAnswerBoth() {
        RuleCondition legacy = RuleCondition.builder().field("path-pattern").values("/api/*").build();
        assertThat(read(legacy)).isEqualTo(read(path("/api/*")));
        RuleCondition answered = ConditionRules.toSdk(read(legacy).getFirst());
        assertThat(answered.values()).containsExactly("/api/*");
        assertThat(answered.pathPatternConfig().values()).containsExactly("/api/*");
    }

    @Test
    void readsEveryField() {
        var conditions = read(
                RuleCondition.builder().field("host-header").hostHeaderConfig(c -> c.values("*.example.com")).build(),
                RuleCondition.builder().field("http-header")
                        .httpHeaderConfig(c -> c.httpHeaderName("X-Canary").values("on")).build(),
                RuleCondition.builder().field("http-request-method")
                        .httpRequestMethodConfig(c -> c.values("GET")).build(),
                RuleCondition.builder().field("query-string").queryStringConfig(c -> c.values(
                        QueryStringKeyValuePair.builder().key("v").value("2").build())).build(),
                RuleCondition.builder().field("source-ip").sourceIpConfig(c -> c.values("10.0.0.0/8")).build());
        assertThat(conditions).extracting(dev.ecsd.model.elb.RuleCondition::field).containsExactly(
                "host-header", "http-header", "http-request-method", "query-string", "source-ip");
        assertThat(conditions.get(1).headerName()).isEqualTo("X-Canary");
        assertThat(conditions.get(3).queryPairs()).containsExactly(
                new dev.ecsd.model.elb.RuleCondition.QueryPair("v", "2"));
        List<RuleCondition> answered = conditions.stream().map(ConditionRules::toSdk).toList();
        assertThat(answered.get(0).values()).containsExactly("*.example.com");
        assertThat(answered.get(1).hasValues()).isFalse();
        assertThat(answered.get(1).httpHeaderConfig().httpHeaderName()).isEqualTo("X-Canary");
        assertThat(answered.get(3).queryStringConfig().values().getFirst().key()).isEqualTo("v");
        assertThat(answered.get(4).sourceIpConfig().values()).containsExactly("10.0.0.0/8");
    }

    @Test
    void refusesWhatAlbRefuses() {
        assertRefused("Condition field 'cookie' must be one of '[path-pattern, host-header, http-header, "
                + "http-request-method, query-string, source-ip]'", RuleCondition.builder().field("cookie").build());
        assertRefused("The 'Values' field is not compatible with 'source-ip'",
                RuleCondition.builder().field("source-ip").values("10.0.0.0/8").build());
        assertRefused("The 'path-pattern' field contains too many values; the limit is '1'",
                RuleCondition.builder().field("path-pattern").values("/a", "/b").build());
        assertRefused("You cannot provide both Values and 'PathPatternConfig' for a condition of type 'path-pattern'",
                RuleCondition.builder().field("path-pattern").values("/a").pathPatternConfig(c -> c.values("/b"))
                        .build());
        assertRefused("A condition value must be specified", RuleCondition.builder().field("path-pattern").build());
        assertRefused("A 'HttpHeaderConfig' must be specified with 'http-header'",
                RuleCondition.builder().field("http-header").build());
        assertRefused("The 'path-pattern' value is too long; the limit is '128'", path("/" + "a".repeat(128)));
        assertRefused("A rule can only have one 'path-pattern' condition", path("/a"), path("/b"));
        assertRefused("A rule can only have '5' condition values", path("/a", "/b", "/c"),
                RuleCondition.builder().field("host-header").hostHeaderConfig(c -> c.values("a", "b", "c")).build());
        assertRefused("The 'http-request-method' value 'get' is invalid; the allowed characters are A-Z, hyphen and "
                + "underscore", RuleCondition.builder().field("http-request-method")
                .httpRequestMethodConfig(c -> c.values("get")).build());
        assertRefused("A rule must have at least one condition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.0/33", "10.0.0/8", "fe80::/129", "x/1"})
    void refusesSourceIpsThatAreNoCidrBlock(String value) {
        assertThatThrownBy(() -> ConditionRules.checkCidr(value))
                .hasMessage("The 'source-ip' value '" + value + "' is not a valid CIDR block");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "192.0.2.7/32", "0.0.0.0/0", "2001:db8::/32"})
    void acceptsCidrBlocks(String value) {
        ConditionRules.checkCidr(value);
    }

    private static void assertRefused(String message, RuleCondition... conditions) {
        assertThatThrownBy(() -> read(conditions)).isInstanceOf(ApiException.class).hasMessage(message)
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }
}

package dev.ecsd.lb;

import static dev.ecsd.lb.ElbFixtures.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.elb.RuleCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleMatcherTest {
    private static final FakeRequest REQUEST = FakeRequest.get("shop.example.com", "/api/orders");

    @Test
    void hostHeaderIgnoresCaseAndTakesWildcards() {
        assertThat(matches(condition("host-header", "*.EXAMPLE.com"), REQUEST)).isTrue();
        assertThat(matches(condition("host-header", "api.example.com", "shop.*"), REQUEST)).isTrue();
        assertThat(matches(condition("host-header", "example.com"), REQUEST)).isFalse();
    }

    @Test
    void pathPatternIsCaseSensitiveAndSeesNoQuery() {
        assertThat(matches(condition("path-pattern", "/api/*"), REQUEST.withQuery("a=1"))).isTrue();
        assertThat(matches(condition("path-pattern", "/API/*"), REQUEST)).isFalse();
        assertThat(matches(condition("path-pattern", "/api/orders"), REQUEST.withQuery("x=1"))).isTrue();
        assertThat(matches(condition("path-pattern", "*a=1"), REQUEST.withQuery("a=1"))).isFalse();
    }

    @Test
    void httpHeaderMatchesAnyValueOfTheNamedHeaderInAnyCase() {
        RuleCondition userAgent = new RuleCondition("http-header", List.of("*Mobile*"), "User-Agent", List.of());

        assertThat(matches(userAgent, REQUEST.withHeader("user-agent", "Foo mobile Safari"))).isTrue();
        assertThat(matches(userAgent, REQUEST.withHeader("User-Agent", "curl/8"))).isFalse();
        assertThat(matches(userAgent, REQUEST)).isFalse();
    }

    @Test
    void methodIsExact() {
        assertThat(matches(condition("http-request-method", "POST", "PUT"), REQUEST.withMethod("PUT"))).isTrue();
        assertThat(matches(condition("http-request-method", "POST"), REQUEST.withMethod("post"))).isFalse();
    }

    @Test
    void queryStringMatchesDecodedPairsAndAKeylessPairMatchesAnyKey() {
        RuleCondition version = new RuleCondition("query-string", List.of(), null,
                List.of(new RuleCondition.QueryPair("version", "v2*")));
        RuleCondition anyKey = new RuleCondition("query-string", List.of(), null,
                List.of(new RuleCondition.QueryPair(null, "hello world")));

        assertThat(matches(version, REQUEST.withQuery("a=1&VERSION=V2.1"))).isTrue();
        assertThat(matches(version, REQUEST.withQuery("version=v1"))).isFalse();
        assertThat(matches(anyKey, REQUEST.withQuery("greeting=hello%20world"))).isTrue();
        assertThat(matches(anyKey, REQUEST)).isFalse();
    }

    @Test
    void sourceIpIsTheClientAddressInAnyRange() {
        RuleCondition office = condition("source-ip", "192.168.0.0/16", "10.0.0.0/8");

        assertThat(matches(office, REQUEST.from("10.2.3.4"))).isTrue();
        assertThat(matches(office, REQUEST.from("127.0.0.1"))).isFalse();
    }

    @Test
    void everyConditionMustMatch() {
        List<RuleCondition> both = List.of(condition("host-header", "shop.example.com"),
                condition("path-pattern", "/static/*"));

        assertThat(RuleMatcher.of(both).matches(REQUEST)).isFalse();
        assertThat(RuleMatcher.of(both).matches(FakeRequest.get("shop.example.com", "/static/a.css"))).isTrue();
    }

    @Test
    void anUnknownOrEmptyConditionNeverMatches() {
        assertThat(matches(condition("cookie", "*"), REQUEST)).isFalse();
        assertThat(matches(condition("host-header"), REQUEST)).isFalse();
        assertThat(matches(new RuleCondition("http-header", List.of("*"), null, List.of()), REQUEST)).isFalse();
    }

    private static boolean matches(RuleCondition condition, FakeRequest request) {
        return RuleMatcher.of(List.of(condition)).matches(request);
    }
}

package dev.ecsd.api.elbv2;

import static dev.ecsd.api.elbv2.ElbFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/** CreateRule, DescribeRules, ModifyRule, DeleteRule and SetRulePriorities. */
class ElbRuleApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;
    private String web;
    private String api;
    private String listener;

    @BeforeEach
    void listener() {
        web = fixtures.targetGroup("web");
        api = fixtures.targetGroup("api");
        listener = fixtures.listener(fixtures.loadBalancer("front"), FreePorts.freePort(), web);
    }

    private Rule rule(int priority, String path, String targetGroup) {
        return elb.createRule(r -> r.listenerArn(listener).priority(priority)
                .conditions(c -> c.field("path-pattern").values(path))
                .actions(ElbFixtures.forward(targetGroup))).rules().getFirst();
    }

    private List<String> priorities() {
        return elb.describeRules(r -> r.listenerArn(listener)).rules().stream().map(Rule::priority).toList();
    }

    @Test
    void aPathRuleIsAnsweredInBothFormsAndTheDefaultRuleComesLast() {
        Rule rule = rule(10, "/api/*", api);
        assertThat(rule.ruleArn()).matches(ElbFixtures.ARN_PREFIX + "listener-rule/app/front/[0-9a-f]{16}/"
                + "[0-9a-f]{16}/[0-9a-f]{16}");
        assertThat(rule.priority()).isEqualTo("10");
        assertThat(rule.isDefault()).isFalse();
        RuleCondition condition = rule.conditions().getFirst();
        assertThat(condition.values()).containsExactly("/api/*");
        assertThat(condition.pathPatternConfig().values()).containsExactly("/api/*");
        assertThat(rule.actions().getFirst().targetGroupArn()).isEqualTo(api);

        rule(5, "/static/*", web);
        List<Rule> rules = elb.describeRules(r -> r.listenerArn(listener)).rules();
        assertThat(rules).extracting(Rule::priority).containsExactly("5", "10", "default");
        Rule defaultRule = rules.getLast();
        assertThat(defaultRule.isDefault()).isTrue();
        assertThat(defaultRule.conditions()).isEmpty();
        assertThat(defaultRule.actions().getFirst().targetGroupArn()).isEqualTo(web);
        assertThat(defaultRule.ruleArn()).startsWith(ElbFixtures.ARN_PREFIX + "listener-rule/app/front/");
        assertThat(elb.describeRules(r -> r.ruleArns(defaultRule.ruleArn(), rule.ruleArn())).rules())
                .containsExactly(defaultRule, rule);
        assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules().getLast()).isEqualTo(defaultRule);
    }

    @Test
    void readsEveryKindOfCondition() {
        Rule rule = elb.createRule(r -> r.listenerArn(listener).priority(1).actions(ElbFixtures.fixedResponse("200"))
                .conditions(c -> c.field("host-header").hostHeaderConfig(h -> h.values("api.example.com")),
                        c -> c.field("http-header").httpHeaderConfig(h -> h.httpHeaderName("X-Env").values("dev")),
                        c -> c.field("http-request-method").httpRequestMethodConfig(h -> h.values("GET")),
                        c -> c.field("query-string").queryStringConfig(q -> q.values(v -> v.key("v").value("2"))),
                        c -> c.field("source-ip").sourceIpConfig(s -> s.values("10.0.0.0/8")))).rules().getFirst();
        assertThat(rule.conditions()).extracting(RuleCondition::field).containsExactly("host-header", "http-header",
                "http-request-method", "query-string", "source-ip");
        assertThat(rule.conditions().getFirst().values()).containsExactly("api.example.com");
        assertThat(rule.conditions().get(1).httpHeaderConfig().httpHeaderName()).isEqualTo("X-Env");
        assertThat(rule.conditions().get(3).queryStringConfig().values().getFirst().value()).isEqualTo("2");
    }

    @Test
    void refusesWhatElbRefuses() {
        rule(10, "/api/*", api);
        assertError(() -> rule(10, "/other/*", api), "PriorityInUse", "Priority '10' is currently in use")
                .isInstanceOf(PriorityInUseException.class);
        assertError(() -> rule(50001, "/other/*", api), "ValidationError",
                "Value '50001' at 'priority' failed to satisfy constraint");
        assertError(() -> elb.createRule(r -> r.listenerArn(listener).priority(2).actions(ElbFixtures.forward(api))
                .conditions(c -> c.field("path-pattern").values("/a", "/b"))), "ValidationError",
                "The 'path-pattern' field contains too many values; the limit is '1'");
        assertError(() -> elb.createRule(r -> r.listenerArn(listener).priority(2).actions(ElbFixtures.forward(api))
                .conditions(c -> c.field("cookie").values("a"))), "ValidationError",
                "Condition field 'cookie' must be one of");
        assertError(() -> elb.createRule(r -> r.listenerArn(listener).priority(2).actions(ElbFixtures.forward(api))),
                "ValidationError", "Value null at 'conditions' failed to satisfy constraint");
        assertError(() -> elb.createRule(r -> r.listenerArn(listener + "0").priority(2)
                .actions(ElbFixtures.forward(api)).conditions(c -> c.field("path-pattern").values("/a"))),
                "ListenerNotFound", "One or more listeners not found");
    }

    @Test
    void pagesRulesWithTheDefaultLast() {
        rule(3, "/c", api);
        rule(1, "/a", api);
        rule(2, "/b", api);
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            DescribeRulesResponse page = elb.describeRules(r -> r.listenerArn(listener).pageSize(1).marker(from));
            assertThat(page.rules()).hasSize(1);
            seen.add(page.rules().getFirst().priority());
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen).containsExactly("1", "2", "3", "default");
        assertError(() -> elb.describeRules(r -> r.pageSize(1)), "ValidationError",
                "You must specify either listener rule ARNs or a listener ARN");
    }

    @Test
    void modifiesRulesAndTheDefaultRulesActions() {
        Rule rule = rule(10, "/api/*", api);
        Rule modified = elb.modifyRule(r -> r.ruleArn(rule.ruleArn())
                .conditions(c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/v2/*")))).rules().getFirst();
        assertThat(modified.conditions().getFirst().values()).containsExactly("/v2/*");
        assertThat(modified.actions()).isEqualTo(rule.actions());

        Rule defaultRule = elb.describeRules(r -> r.listenerArn(listener)).rules().getLast();
        Rule newDefault = elb.modifyRule(r -> r.ruleArn(defaultRule.ruleArn()).actions(ElbFixtures.fixedResponse("503")))
                .rules().getFirst();
        assertThat(newDefault.isDefault()).isTrue();
        assertThat(elb.describeListeners(r -> r.listenerArns(listener)).listeners().getFirst().defaultActions()
                .getFirst().fixedResponseConfig().statusCode()).isEqualTo("503");
        assertError(() -> elb.modifyRule(r -> r.ruleArn(defaultRule.ruleArn())
                .conditions(c -> c.field("path-pattern").values("/x"))), "OperationNotPermitted",
                "The conditions of a default rule cannot be modified");
    }

    @Test
    void deletesRulesButNotTheDefaultOne() {
        Rule rule = rule(10, "/api/*", api);
        Rule defaultRule = elb.describeRules(r -> r.listenerArn(listener)).rules().getLast();
        assertError(() -> elb.deleteRule(r -> r.ruleArn(defaultRule.ruleArn())), "OperationNotPermitted",
                "A default rule cannot be deleted").isInstanceOf(OperationNotPermittedException.class);
        elb.deleteRule(r -> r.ruleArn(rule.ruleArn()));
        assertThat(priorities()).containsExactly("default");
        assertError(() -> elb.deleteRule(r -> r.ruleArn(rule.ruleArn())), "RuleNotFound", "One or more rules not found");
    }

    @Test
    void setsPrioritiesAtOnceSoRulesMaySwap() {
        Rule a = rule(1, "/a", api);
        Rule b = rule(2, "/b", api);
        rule(3, "/c", api);
        List<Rule> changed = elb.setRulePriorities(r -> r.rulePriorities(
                RulePriorityPair.builder().ruleArn(a.ruleArn()).priority(2).build(),
                RulePriorityPair.builder().ruleArn(b.ruleArn()).priority(1).build())).rules();
        assertThat(changed).extracting(Rule::priority).containsExactly("2", "1");
        assertThat(elb.describeRules(r -> r.listenerArn(listener)).rules()).extracting(Rule::ruleArn)
                .startsWith(b.ruleArn(), a.ruleArn());
        assertError(() -> elb.setRulePriorities(r -> r.rulePriorities(
                RulePriorityPair.builder().ruleArn(a.ruleArn()).priority(3).build())), "PriorityInUse",
                "Priority '3' is currently in use");
        assertError(() -> elb.setRulePriorities(r -> r.rulePriorities(
                RulePriorityPair.builder().ruleArn(a.ruleArn()).priority(7).build(),
                RulePriorityPair.builder().ruleArn(b.ruleArn()).priority(7).build())), "ValidationError",
                "Priority '7' was provided multiple times");
        assertThat(priorities()).containsExactly("1", "2", "3", "default");
    }
}

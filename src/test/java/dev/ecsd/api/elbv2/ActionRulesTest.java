package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetGroup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** Forward, fixed-response and redirect actions: what they must hold, and how they are answered. */
class ActionRulesTest {
    private static final String WEB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/1";
    private static final String CANARY = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/canary/2";
    private static final String DB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/db/3";
    private static final Function<String, Optional<TargetGroup>> GROUPS = arn -> Optional.ofNullable(Map.of(
            WEB, group(WEB, "HTTP"), CANARY, group(CANARY, "HTTP"), DB, group(DB, "TCP")).get(arn));

    private static TargetGroup group(String arn, String protocol) {
        return new TargetGroup(arn, "g", protocol, 80, null, "vpc-1", "ip", "ipv4",
                HealthCheckRules.create(protocol, "ip", HealthCheckSettings.NONE), Map.of(), Map.of(), Instant.EPOCH);
    }

    private static List<RuleAction> read(Action... actions) {
        return ActionRules.fromSdk(List.of(actions), "actions", "HTTP", GROUPS);
    }

    @Test
    void aForwardToOneGroupIsAnsweredBothWays() {
        RuleAction read = read(Action.builder().type("forward").targetGroupArn(WEB).build()).getFirst();
        assertThat(read).isEqualTo(RuleAction.forward(WEB));
        Action answered = ActionRules.toSdk(read);
        assertThat(answered.targetGroupArn()).isEqualTo(WEB);
        assertThat(answered.forwardConfig().targetGroups()).singleElement()
                .satisfies(tuple -> assertThat(tuple.weight()).isEqualTo(1));
        assertThat(answered.forwardConfig().targetGroupStickinessConfig().enabled()).isFalse();
    }

    @Test
    void aWeightedForwardKeepsItsWeightsAndStickiness() {
        RuleAction read = read(Action.builder().type("forward").forwardConfig(c -> c
                .targetGroups(TargetGroupTuple.builder().targetGroupArn(WEB).weight(90).build(),
                        TargetGroupTuple.builder().targetGroupArn(CANARY).weight(10).build())
                .targetGroupStickinessConfig(s -> s.enabled(true).durationSeconds(60))).build()).getFirst();
        assertThat(read.targetGroups()).containsExactly(new RuleAction.WeightedTargetGroup(WEB, 90),
                new RuleAction.WeightedTargetGroup(CANARY, 10));
        assertThat(read.stickinessDurationSeconds()).isEqualTo(60);
        Action answered = ActionRules.toSdk(read);
        assertThat(answered.targetGroupArn()).isNull();
        assertThat(answered.forwardConfig().targetGroupStickinessConfig().durationSeconds()).isEqualTo(60);
    }

    @Test
    void aForwardNeedsGroupsThatExistAndSpeakTheListenersProtocol() {
        assertThatThrownBy(() -> read(Action.builder().type("forward").targetGroupArn(WEB + "0").build()))
                .hasMessage("Target group '" + WEB + "0' not found")
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.TARGET_GROUP_NOT_FOUND);
        assertThatThrownBy(() -> read(Action.builder().type("forward").targetGroupArn(DB).build()))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.INCOMPATIBLE_PROTOCOLS);
        assertThatThrownBy(() -> read(Action.builder().type("forward").forwardConfig(c -> c.targetGroups(
                TargetGroupTuple.builder().targetGroupArn(WEB).weight(1000).build())).build()))
                .hasMessageContaining("Member must have value less than or equal to 999");
    }

    @Test
    void fixedResponsesAndRedirectsAreCheckedAndKept() {
        RuleAction fixed = read(Action.builder().type("fixed-response").fixedResponseConfig(c -> c.statusCode("404")
                .contentType("text/plain").messageBody("nothing here")).build()).getFirst();
        assertThat(fixed.fixedResponse()).isEqualTo(new RuleAction.FixedResponse("404", "text/plain", "nothing here"));
        RuleAction redirect = read(Action.builder().type("redirect").redirectConfig(c -> c.protocol("HTTPS")
                .port("443").statusCode("HTTP_301")).build()).getFirst();
        assertThat(redirect.redirect()).isEqualTo(new RuleAction.Redirect("HTTPS", "443", "#{host}", "/#{path}",
                "#{query}", "HTTP_301"));
        assertThat(ActionRules.toSdk(redirect).redirectConfig().host()).isEqualTo("#{host}");

        assertThatThrownBy(() -> read(Action.builder().type("fixed-response")
                .fixedResponseConfig(c -> c.statusCode("302")).build()))
                .hasMessageContaining("Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$");
        assertThatThrownBy(() -> read(Action.builder().type("fixed-response")
                .fixedResponseConfig(c -> c.statusCode("200").contentType("image/png")).build()))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.INVALID_LOAD_BALANCER_ACTION);
        assertThatThrownBy(() -> read(Action.builder().type("redirect")
                .redirectConfig(c -> c.statusCode("HTTP_302")).build()))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.INVALID_LOAD_BALANCER_ACTION);
    }

    @Test
    void refusesUnknownTypesAuthenticationAndSeveralActions() {
        assertThatThrownBy(() -> read(Action.builder().type("teleport").build()))
                .hasMessageContaining("Value 'teleport' at 'actions.1.member.type' failed to satisfy constraint");
        assertThatThrownBy(() -> read(Action.builder().type("authenticate-oidc").build()))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.INVALID_LOAD_BALANCER_ACTION);
        assertThatThrownBy(() -> read(Action.builder().type("forward").targetGroupArn(WEB).build(),
                Action.builder().type("forward").targetGroupArn(CANARY).build()))
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.TOO_MANY_ACTIONS);
        assertThatThrownBy(() -> ActionRules.fromSdk(List.of(), "defaultActions", "HTTP", GROUPS))
                .hasMessage("At least one action must be specified");
    }
}

package dev.ecsd.api.elbv2;

import static dev.ecsd.api.elbv2.ElbFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.FreePorts;
import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTagKeysException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTagsException;

/** AddTags, RemoveTags and DescribeTags on load balancers, target groups, listeners and rules. */
class ElbTagApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final ElbFixtures fixtures = new ElbFixtures(server.elbv2());
    private final ElasticLoadBalancingV2Client elb = fixtures.elb;

    private Map<String, Map<String, String>> tags(String... arns) {
        return elb.describeTags(r -> r.resourceArns(arns)).tagDescriptions().stream().collect(Collectors.toMap(
                TagDescription::resourceArn, d -> d.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))));
    }

    @Test
    void tagsEveryKindOfResource() {
        String lb = elb.createLoadBalancer(r -> r.name("front").subnets("subnet-1", "subnet-2")
                .tags(t -> t.key("team").value("web"))).loadBalancers().getFirst().loadBalancerArn();
        String tg = fixtures.targetGroup("web");
        String listener = fixtures.listener(lb, FreePorts.freePort(), tg);
        String rule = elb.createRule(r -> r.listenerArn(listener).priority(1)
                .conditions(c -> c.field("path-pattern").values("/a")).actions(ElbFixtures.forward(tg)))
                .rules().getFirst().ruleArn();
        elb.addTags(r -> r.resourceArns(lb, tg, listener, rule).tags(t -> t.key("env").value("prod")));
        assertThat(tags(lb, tg, listener, rule)).isEqualTo(Map.of(
                lb, Map.of("team", "web", "env", "prod"), tg, Map.of("env", "prod"),
                listener, Map.of("env", "prod"), rule, Map.of("env", "prod")));

        elb.addTags(r -> r.resourceArns(lb).tags(t -> t.key("team").value("payments")));
        elb.removeTags(r -> r.resourceArns(lb, tg).tagKeys("env"));
        assertThat(tags(lb, tg)).isEqualTo(Map.of(lb, Map.of("team", "payments"), tg, Map.of()));
        String defaultRule = elb.describeRules(r -> r.listenerArn(listener)).rules().getLast().ruleArn();
        assertThat(tags(defaultRule)).isEqualTo(Map.of(defaultRule, Map.of()));
    }

    @Test
    void refusesWhatElbRefuses() {
        String tg = fixtures.targetGroup("web");
        assertError(() -> elb.addTags(r -> r.resourceArns(tg).tags(t -> t.key("a").value("1"),
                t -> t.key("a").value("2"))), "DuplicateTagKeys", "Tag key was specified more than once: a")
                .isInstanceOf(DuplicateTagKeysException.class);
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(Tag.builder().key("k" + i).value("v").build());
        }
        elb.addTags(r -> r.resourceArns(tg).tags(fifty));
        assertError(() -> elb.addTags(r -> r.resourceArns(tg).tags(t -> t.key("one-more").value("v"))), "TooManyTags",
                "limit on the number of tags").isInstanceOf(TooManyTagsException.class);
        assertError(() -> elb.describeTags(r -> r.resourceArns(tg + "0")), "TargetGroupNotFound",
                "One or more target groups not found");
        assertError(() -> elb.describeTags(r -> r.resourceArns(ElbFixtures.ARN_PREFIX
                + "loadbalancer/app/gone/0123456789abcdef")), "LoadBalancerNotFound", "One or more load balancers");
        assertError(() -> elb.addTags(r -> r.resourceArns("arn:aws:ecs:us-east-1:000000000000:cluster/default")
                .tags(t -> t.key("a").value("1"))), "ValidationError", "is not a valid load balancer, target group");
    }
}

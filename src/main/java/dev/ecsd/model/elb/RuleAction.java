package dev.ecsd.model.elb;

import dev.ecsd.model.Lists;
import java.util.List;

/**
 * One action of a rule or listener: {@code forward} (to one target group, or several by weight), {@code
 * fixed-response} or {@code redirect}. Only the members of its type are set.
 */
public record RuleAction(String type, Integer order, List<WeightedTargetGroup> targetGroups,
        Integer stickinessDurationSeconds, FixedResponse fixedResponse, Redirect redirect) {

    public static final String FORWARD = "forward";
    public static final String FIXED_RESPONSE = "fixed-response";
    public static final String REDIRECT = "redirect";

    public RuleAction {
        targetGroups = Lists.copy(Lists.orEmpty(targetGroups));
    }

    public static RuleAction forward(String targetGroupArn) {
        return new RuleAction(FORWARD, null, List.of(new WeightedTargetGroup(targetGroupArn, 1)), null, null, null);
    }

    /** A target group a forward action sends to, with its weight (0 to 999) among the action's groups. */
    public record WeightedTargetGroup(String targetGroupArn, int weight) {
    }

    /** The answer a fixed-response action gives. */
    public record FixedResponse(String statusCode, String contentType, String messageBody) {
    }

    /**
     * Where a redirect action sends the client; each part may use {@code #{protocol}}, {@code #{host}},
     * {@code #{port}}, {@code #{path}} and {@code #{query}}. {@code statusCode} is {@code HTTP_301} or {@code HTTP_302}.
     */
    public record Redirect(String protocol, String port, String host, String path, String query, String statusCode) {
    }
}

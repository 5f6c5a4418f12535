package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The actions of a listener or rule: forward (one target group, or up to five by weight), fixed-response and
 * redirect, one of them per rule. The authenticate actions need identity providers, which are out of ecsd's scope.
 */
public final class ActionRules {
    static final List<String> TYPES = List.of("forward", "authenticate-oidc", "authenticate-cognito", "redirect",
            "fixed-response", "jwt-validation");
    private static final List<String> CONTENT_TYPES =
            List.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");
    private static final Pattern STATUS_CODE = Pattern.compile("^(2|4|5)\\d\\d$");
    private static final int MAX_TARGET_GROUPS = 5;

    private ActionRules() {
    }

    /**
     * The actions of a request, checked; {@code member} is the request's name for them ({@code defaultActions} or
     * {@code actions}), {@code groups} finds a target group by ARN. Forwarding needs a target group whose protocol
     * the listener's can carry: HTTP listeners forward to HTTP groups, TCP listeners to TCP groups.
     */
    public static List<RuleAction> fromSdk(List<Action> actions, String member, String listenerProtocol,
            Function<String, Optional<TargetGroup>> groups) {
        if (actions == null || actions instanceof SdkAutoConstructList || actions.isEmpty()) {
            throw ElbErrors.validation("At least one action must be specified");
        }
        if (actions.size() > 1) {
            throw new ApiException(ErrorType.TOO_MANY_ACTIONS, "A rule can have only one action of "
                    + "type 'forward', 'fixed-response' or 'redirect', and ecsd supports no other");
        }
        List<RuleAction> result = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            result.add(read(actions.get(i), member + "." + (i + 1) + ".member", listenerProtocol, groups));
        }
        return result;
    }

    private static RuleAction read(Action action, String path, String listenerProtocol,
            Function<String, Optional<TargetGroup>> groups) {
        String type = action.typeAsString();
        if (type == null) {
            throw ElbErrors.validation("1 validation error detected: Value null at '" + path
                    + ".type' failed to satisfy constraint: Member must not be null");
        }
        ElbErrors.oneOf(path + ".type", type, TYPES);
        Integer order = action.order();
        if (order != null) {
            ElbErrors.range(path + ".order", order, 1, 50000);
        }
        return switch (type) {
            case RuleAction.FORWARD -> forward(action, order, listenerProtocol, groups);
            case RuleAction.FIXED_RESPONSE -> fixedResponse(action.fixedResponseConfig(), order, path);
            case RuleAction.REDIRECT -> redirect(action.redirectConfig(), order);
            default -> throw ElbErrors.invalidAction("ecsd does not support actions of type '" + type
                    + "': it has no identity provider to authenticate with");
        };
    }

    private static RuleAction forward(Action action, Integer order, String listenerProtocol,
            Function<String, Optional<TargetGroup>> groups) {
        ForwardActionConfig config = action.forwardConfig();
        List<TargetGroupTuple> tuples = config == null || !config.hasTargetGroups() ? List.of() : config.targetGroups();
        String single = action.targetGroupArn();
        if (single == null && tuples.isEmpty()) {
            throw ElbErrors.validation("A target group ARN must be specified for a 'forward' action");
        }
        if (single != null && !tuples.isEmpty()
                && (tuples.size() != 1 || !single.equals(tuples.getFirst().targetGroupArn()))) {
            throw ElbErrors.validation("You cannot specify both a target group ARN and a forward config with "
                    + "different target groups");
        }
        if (tuples.size() > MAX_TARGET_GROUPS) {
            throw ElbErrors.validation("A forward action can have at most '" + MAX_TARGET_GROUPS + "' target groups");
        }
        List<RuleAction.WeightedTargetGroup> weighted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (tuples.isEmpty()) {
            weighted.add(new RuleAction.WeightedTargetGroup(single, 1));
        }
        for (TargetGroupTuple tuple : tuples) {
            if (tuple.targetGroupArn() == null) {
                throw ElbErrors.validation("A target group ARN must be specified for each target group of a "
                        + "forward config");
            }
            if (!seen.add(tuple.targetGroupArn())) {
                throw ElbErrors.validation("Target group '" + tuple.targetGroupArn()
                        + "' is specified more than once in a forward config");
            }
            int weight = tuple.weight() == null ? 1 : ElbErrors.range("weight", tuple.weight(), 0, 999);
            weighted.add(new RuleAction.WeightedTargetGroup(tuple.targetGroupArn(), weight));
        }
        for (RuleAction.WeightedTargetGroup group : weighted) {
            TargetGroup found = groups.apply(group.targetGroupArn()).orElseThrow(() -> new ApiException(
                    ErrorType.TARGET_GROUP_NOT_FOUND, "Target group '" + group.targetGroupArn() + "' not found"));
            boolean compatible = HealthCheckRules.TCP.equals(listenerProtocol)
                    == HealthCheckRules.TCP.equals(found.protocol());
            if (!compatible) {
                throw new ApiException(ErrorType.INCOMPATIBLE_PROTOCOLS, "Listener protocol '"
                        + listenerProtocol + "' is not supported with a target group with the protocol '"
                        + found.protocol() + "'");
            }
        }
        Integer stickiness = null;
        TargetGroupStickinessConfig sticky = config == null ? null : config.targetGroupStickinessConfig();
        if (sticky != null && Boolean.TRUE.equals(sticky.enabled())) {
            stickiness = ElbErrors.range("targetGroupStickinessConfig.durationSeconds", sticky.durationSeconds(), 1,
                    604800);
        }
        return new RuleAction(RuleAction.FORWARD, order, weighted, stickiness, null, null);
    }

    private static RuleAction fixedResponse(FixedResponseActionConfig config, Integer order, String path) {
        if (config == null) {
            throw ElbErrors.validation("A 'FixedResponseConfig' must be specified for a 'fixed-response' action");
        }
        String status = config.statusCode();
        if (status == null || !STATUS_CODE.matcher(status).matches()) {
            throw ElbErrors.validation("1 validation error detected: Value '" + status + "' at '" + path
                    + ".fixedResponseConfig.statusCode' failed to satisfy constraint: Member must satisfy regular "
                    + "expression pattern: " + STATUS_CODE.pattern());
        }
        if (config.contentType() != null && !CONTENT_TYPES.contains(config.contentType())) {
            throw ElbErrors.invalidAction("The ContentType must be one of:'text/html', 'application/json', "
                    + "'application/javascript', 'text/css', 'text/plain'");
        }
        ElbErrors.maxLength(path + ".fixedResponseConfig.messageBody", config.messageBody(), 1024);
        return new RuleAction(RuleAction.FIXED_RESPONSE, order, List.of(), null,
                new RuleAction.FixedResponse(status, config.contentType(), config.messageBody()), null);
    }

    private static RuleAction redirect(RedirectActionConfig config, Integer order) {
        if (config == null) {
            throw ElbErrors.validation("A 'RedirectConfig' must be specified for a 'redirect' action");
        }
        String status = config.statusCodeAsString();
        ElbErrors.oneOf("redirectConfig.statusCode", status, List.of("HTTP_301", "HTTP_302"));
        if (status == null) {
            throw ElbErrors.validation("A redirect status code must be specified");
        }
        String protocol = orDefault(config.protocol(), "#{protocol}");
        if (!List.of("HTTP", "HTTPS", "#{protocol}").contains(protocol)) {
            throw ElbErrors.invalidAction("The redirect protocol must be 'HTTP', 'HTTPS' or '#{protocol}'");
        }
        String port = orDefault(config.port(), "#{port}");
        if (!port.equals("#{port}")) {
            try {
                ElbErrors.range("redirectConfig.port", Integer.parseInt(port), 1, 65535);
            } catch (NumberFormatException e) {
                throw ElbErrors.invalidAction("The redirect port must be a port number or '#{port}'");
            }
        }
        String host = orDefault(config.host(), "#{host}");
        String path = orDefault(config.path(), "/#{path}");
        String query = orDefault(config.query(), "#{query}");
        if (!path.startsWith("/")) {
            throw ElbErrors.invalidAction("The redirect path must start with a '/'");
        }
        if (protocol.equals("#{protocol}") && port.equals("#{port}") && host.equals("#{host}")
                && path.equals("/#{path}") && query.equals("#{query}")) {
            throw ElbErrors.invalidAction("The redirect must change at least one of the protocol, port, host, path "
                    + "or query: as it is, it would redirect requests to themselves");
        }
        return new RuleAction(RuleAction.REDIRECT, order, List.of(), null, null,
                new RuleAction.Redirect(protocol, port, host, path, query, status));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** A stored action as ELBv2 answers it: a forward to one group names it both ways. */
    public static Action toSdk(RuleAction action) {
        Action.Builder builder = Action.builder().type(action.type()).order(action.order());
        switch (action.type()) {
            case RuleAction.FORWARD -> {
                if (action.targetGroups().size() == 1) {
                    builder.targetGroupArn(action.targetGroups().getFirst().targetGroupArn());
                }
                TargetGroupStickinessConfig stickiness = action.stickinessDurationSeconds() == null
                        ? TargetGroupStickinessConfig.builder().enabled(false).build()
                        : TargetGroupStickinessConfig.builder().enabled(true)
                                .durationSeconds(action.stickinessDurationSeconds()).build();
                builder.forwardConfig(ForwardActionConfig.builder()
                        .targetGroups(action.targetGroups().stream().map(group -> TargetGroupTuple.builder()
                                .targetGroupArn(group.targetGroupArn()).weight(group.weight()).build()).toList())
                        .targetGroupStickinessConfig(stickiness)
                        .build());
            }
            case RuleAction.FIXED_RESPONSE -> builder.fixedResponseConfig(FixedResponseActionConfig.builder()
                    .statusCode(action.fixedResponse().statusCode())
                    .contentType(action.fixedResponse().contentType())
                    .messageBody(action.fixedResponse().messageBody())
                    .build());
            default -> builder.redirectConfig(RedirectActionConfig.builder()
                    .protocol(action.redirect().protocol())
                    .port(action.redirect().port())
                    .host(action.redirect().host())
                    .path(action.redirect().path())
                    .query(action.redirect().query())
                    .statusCode(action.redirect().statusCode())
                    .build());
        }
        return builder.build();
    }

    /** The target groups an action list forwards to. */
    public static List<String> targetGroupsOf(List<RuleAction> actions) {
        return actions.stream().flatMap(action -> action.targetGroups().stream())
                .map(RuleAction.WeightedTargetGroup::targetGroupArn).toList();
    }
}

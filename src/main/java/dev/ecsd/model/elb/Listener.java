package dev.ecsd.model.elb;

import dev.ecsd.model.Lists;
import java.util.List;
import java.util.Map;

/** A listener of a load balancer: a port the server listens on, and what it does with a request no rule takes. */
public record Listener(String listenerArn, String loadBalancerArn, String protocol, int port,
        List<RuleAction> defaultActions, Map<String, String> tags) {

    public Listener {
        defaultActions = Lists.copy(Lists.orEmpty(defaultActions));
        tags = Lists.copy(Lists.orEmpty(tags));
    }

    public Listener withDefaultActions(List<RuleAction> actions) {
        return new Listener(listenerArn, loadBalancerArn, protocol, port, actions, tags);
    }

    public Listener withPortAndProtocol(int newPort, String newProtocol) {
        return new Listener(listenerArn, loadBalancerArn, newProtocol, newPort, defaultActions, tags);
    }

    public Listener withTags(Map<String, String> newTags) {
        return new Listener(listenerArn, loadBalancerArn, protocol, port, defaultActions, newTags);
    }
}

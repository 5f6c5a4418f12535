package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.ListenerRule;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerResponse;

/**
 * CreateListener, DescribeListeners, ModifyListener and DeleteListener: HTTP listeners of application load
 * balancers and TCP listeners of network ones. HTTPS and TLS need certificates, which are out of ecsd's scope.
 */
public final class ListenerOperations {
    static final String HTTP = "HTTP";
    static final String TCP = "TCP";
    private static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE");
    private static final List<String> APPLICATION_PROTOCOLS = List.of("HTTP", "HTTPS");
    private static final List<String> NETWORK_PROTOCOLS = List.of("TCP", "TLS", "UDP", "TCP_UDP");

    private final StateStore store;
    private final ElbResources resources;
    private final ListenerPorts ports;

    ListenerOperations(StateStore store, ElbResources resources, ListenerPorts ports) {
        this.store = store;
        this.resources = resources;
        this.ports = ports;
    }

    public CreateListenerResponse createListener(CreateListenerRequest request) {
        ElbLoadBalancer lb = resources.loadBalancer(store.snapshot(), request.loadBalancerArn());
        if (request.protocolAsString() == null) {
            throw ElbErrors.validation("A listener protocol must be specified");
        }
        String protocol = checkProtocol(lb, request.protocolAsString(), request.hasCertificates()
                && !request.certificates().isEmpty() || request.sslPolicy() != null);
        if (request.port() == null) {
            throw ElbErrors.validation("A listener port must be specified");
        }
        int port = ElbErrors.range("port", request.port(), 1, 65535);
        Map<String, String> tags = ElbTags.add(Map.of(), ElbTags.read(request.tags()));
        List<RuleAction> actions = defaultActions(store.snapshot(), lb, protocol, request.defaultActions());
        ports.check(lb, port);
        Listener created = store.write(tx -> {
            ElbLoadBalancer current = resources.loadBalancer(tx.state(), lb.loadBalancerArn());
            checkPortFree(tx.state(), current, port, null);
            resources.checkAssociation(tx.state(), current.loadBalancerArn(), ActionRules.targetGroupsOf(actions));
            checkTargetGroupsExist(tx.state(), actions);
            String arn = resources.arns().listener(current.loadBalancerArn(), resources.newId());
            return tx.put(Kind.LISTENER, new Listener(arn, current.loadBalancerArn(), protocol, port, actions, tags));
        });
        return CreateListenerResponse.builder().listeners(List.of(ElbMapper.listener(created))).build();
    }

    public DescribeListenersResponse describeListeners(DescribeListenersRequest request) {
        Snapshot state = store.snapshot();
        boolean byArn = request.hasListenerArns() && !request.listenerArns().isEmpty();
        boolean byLoadBalancer = request.loadBalancerArn() != null;
        if (byArn == byLoadBalancer) {
            throw ElbErrors.validation(byArn
                    ? "Listener ARNs and a load balancer ARN cannot be specified at the same time"
                    : "You must specify either listener ARNs or a load balancer ARN");
        }
        List<Listener> selected;
        if (byLoadBalancer) {
            ElbLoadBalancer lb = resources.loadBalancer(state, request.loadBalancerArn());
            selected = resources.listenersOf(state, lb.loadBalancerArn()).toList();
        } else {
            Set<String> arns = new HashSet<>(request.listenerArns());
            arns.forEach(arn -> resources.listener(state, arn));
            selected = state.all(Kind.LISTENER).filter(listener -> arns.contains(listener.listenerArn())).toList();
        }
        ElbPages.Page<Listener> page = ElbPages.page(selected, Listener::listenerArn, request.pageSize(),
                request.marker());
        return DescribeListenersResponse.builder()
                .listeners(page.items().stream().map(ElbMapper::listener).toList())
                .nextMarker(page.nextMarker())
                .build();
    }

    public ModifyListenerResponse modifyListener(ModifyListenerRequest request) {
        Snapshot state = store.snapshot();
        Listener listener = resources.listener(state, request.listenerArn());
        ElbLoadBalancer lb = resources.loadBalancer(state, listener.loadBalancerArn());
        boolean tls = request.hasCertificates() && !request.certificates().isEmpty() || request.sslPolicy() != null;
        String protocol = request.protocolAsString() == null ? listener.protocol()
                : checkProtocol(lb, request.protocolAsString(), tls);
        if (request.protocolAsString() == null && tls) {
            checkProtocol(lb, protocol, true);
        }
        int port = request.port() == null ? listener.port() : ElbErrors.range("port", request.port(), 1, 65535);
        boolean newActions = request.hasDefaultActions() && !request.defaultActions().isEmpty();
        List<RuleAction> actions = newActions ? defaultActions(state, lb, protocol, request.defaultActions())
                : listener.defaultActions();
        if (port != listener.port()) {
            ports.check(lb, port);
        }
        Listener modified = store.write(tx -> {
            Listener current = resources.listener(tx.state(), listener.listenerArn());
            checkPortFree(tx.state(), lb, port, current.listenerArn());
            resources.checkAssociation(tx.state(), lb.loadBalancerArn(), ActionRules.targetGroupsOf(actions));
            checkTargetGroupsExist(tx.state(), actions);
            return tx.put(Kind.LISTENER, current.withPortAndProtocol(port, protocol).withDefaultActions(actions));
        });
        return ModifyListenerResponse.builder().listeners(List.of(ElbMapper.listener(modified))).build();
    }

    public DeleteListenerResponse deleteListener(DeleteListenerRequest request) {
        store.write(tx -> {
            deleteWithRules(tx, resources, resources.listener(tx.state(), request.listenerArn()));
            return null;
        });
        return DeleteListenerResponse.builder().build();
    }

    /** Deletes a listener and its rules. */
    static void deleteWithRules(Transaction tx, ElbResources resources, Listener listener) {
        List<ListenerRule> rules = resources.storedRulesOf(tx.state(), listener.listenerArn()).toList();
        rules.forEach(rule -> tx.delete(Kind.LISTENER_RULE, rule.ruleArn()));
        tx.delete(Kind.LISTENER, listener.listenerArn());
    }

    private static String checkProtocol(ElbLoadBalancer lb, String protocol, boolean tls) {
        ElbErrors.oneOf("protocol", protocol, PROTOCOLS);
        boolean network = ElbLoadBalancer.NETWORK.equals(lb.type());
        List<String> allowed = network ? NETWORK_PROTOCOLS : APPLICATION_PROTOCOLS;
        if (!allowed.contains(protocol)) {
            throw ElbErrors.validation("Listener protocol '" + protocol + "' must be one of '"
                    + String.join(", ", allowed) + "'");
        }
        String supported = network ? TCP : HTTP;
        if (!protocol.equals(supported) || tls) {
            throw ElbErrors.unsupportedProtocol("ecsd serves " + supported + " listeners on " + lb.type()
                    + " load balancers; " + (tls ? "certificates and SSL policies" : protocol + " listeners")
                    + " are out of its scope");
        }
        return protocol;
    }

    private List<RuleAction> defaultActions(Snapshot state, ElbLoadBalancer lb, String protocol,
            List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> requested) {
        List<RuleAction> actions = ActionRules.fromSdk(requested, "defaultActions", protocol,
                arn -> state.find(Kind.TARGET_GROUP, arn));
        if (ElbLoadBalancer.NETWORK.equals(lb.type())
                && actions.stream().anyMatch(action -> !RuleAction.FORWARD.equals(action.type()))) {
            throw ElbErrors.invalidAction("The listeners of network load balancers can only forward");
        }
        return actions;
    }

    private void checkPortFree(Snapshot state, ElbLoadBalancer lb, int port, String except) {
        boolean taken = resources.listenersOf(state, lb.loadBalancerArn())
                .anyMatch(other -> other.port() == port && !other.listenerArn().equals(except));
        if (taken) {
            throw new ApiException(ErrorType.DUPLICATE_LISTENER, "A listener already exists on port '" + port
                    + "' of load balancer '" + lb.loadBalancerArn() + "'");
        }
    }

    /** Checks again, in the transaction, that the target groups of actions checked before it still exist. */
    static void checkTargetGroupsExist(Snapshot state, List<RuleAction> actions) {
        for (String arn : ActionRules.targetGroupsOf(actions)) {
            if (state.find(Kind.TARGET_GROUP, arn).isEmpty()) {
                throw new ApiException(ErrorType.TARGET_GROUP_NOT_FOUND, "Target group '" + arn + "' not found");
            }
        }
    }
}

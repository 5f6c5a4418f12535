package dev.ecsd.api.elbv2;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.elb.ElbAttributes;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.LoadBalancerState;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer and the load balancer attributes. */
public final class LoadBalancerOperations {
    private static final List<String> TYPES = List.of(ElbLoadBalancer.APPLICATION, ElbLoadBalancer.NETWORK, "gateway");
    private static final List<String> SCHEMES = List.of("internet-facing", "internal");
    private static final List<String> IP_ADDRESS_TYPES = List.of("ipv4", "dualstack", "dualstack-without-public-ipv4");

    private final StateStore store;
    private final ElbResources resources;
    private final ElbMapper mapper;

    LoadBalancerOperations(StateStore store, ElbResources resources, ElbMapper mapper) {
        this.store = store;
        this.resources = resources;
        this.mapper = mapper;
    }

    public CreateLoadBalancerResponse createLoadBalancer(CreateLoadBalancerRequest request) {
        String name = ElbNames.checkLoadBalancerName(request.name());
        String type = orDefault(ElbErrors.oneOf("type", request.typeAsString(), TYPES), ElbLoadBalancer.APPLICATION);
        if (!ElbLoadBalancer.APPLICATION.equals(type) && !ElbLoadBalancer.NETWORK.equals(type)) {
            throw ElbErrors.validation("ecsd's load balancers are of type 'application' or 'network'; '" + type
                    + "' load balancers are not supported");
        }
        String scheme = orDefault(ElbErrors.oneOf("scheme", request.schemeAsString(), SCHEMES), "internet-facing");
        String ipAddressType = orDefault(ElbErrors.oneOf("ipAddressType", request.ipAddressTypeAsString(),
                IP_ADDRESS_TYPES), "ipv4");
        List<String> subnets = subnets(request, type);
        List<String> securityGroups = request.hasSecurityGroups() ? List.copyOf(request.securityGroups()) : List.of();
        Map<String, String> tags = ElbTags.add(Map.of(), ElbTags.read(request.tags()));
        ElbLoadBalancer created = store.write(tx -> {
            for (ElbLoadBalancer existing : tx.state().all(Kind.LOAD_BALANCER).toList()) {
                if (existing.name().equals(name)) {
                    if (existing.type().equals(type) && existing.scheme().equals(scheme)
                            && existing.ipAddressType().equals(ipAddressType)
                            && Set.copyOf(existing.subnets()).equals(Set.copyOf(subnets))
                            && Set.copyOf(existing.securityGroups()).equals(Set.copyOf(securityGroups))) {
                        return existing; // ELBv2 is idempotent on a name with the same settings
                    }
                    throw new ApiException(ErrorType.DUPLICATE_LOAD_BALANCER_NAME,
                            "A load balancer with the specified name '" + name + "' already exists");
                }
            }
            String arn = resources.arns().loadBalancer(ElbLoadBalancer.NETWORK.equals(type) ? "net" : "app", name,
                    resources.newId());
            return tx.put(Kind.LOAD_BALANCER, new ElbLoadBalancer(arn, name, type, scheme,
                    resources.newDnsName(name, scheme), ElbResources.VPC_ID, subnets, securityGroups, ipAddressType,
                    tx.now(), LoadBalancerState.ACTIVE, LoadBalancerAttributeRules.defaults(type), tags));
        });
        return CreateLoadBalancerResponse.builder().loadBalancers(List.of(mapper.loadBalancer(created))).build();
    }

    private static List<String> subnets(CreateLoadBalancerRequest request, String type) {
        boolean hasMappings = request.hasSubnetMappings() && !request.subnetMappings().isEmpty();
        if (request.hasSubnets() && !request.subnets().isEmpty() && hasMappings) {
            throw ElbErrors.validation("You can specify subnets or subnet mappings, not both");
        }
        List<String> subnets = hasMappings
                ? request.subnetMappings().stream().map(SubnetMapping::subnetId).toList()
                : request.hasSubnets() ? request.subnets() : List.of();
        Set<String> distinct = new LinkedHashSet<>();
        for (String subnet : subnets) {
            if (subnet == null || subnet.isEmpty()) {
                throw ElbErrors.validation("A subnet ID must be specified");
            }
            if (!distinct.add(subnet)) {
                throw ElbErrors.invalidConfiguration("Subnet '" + subnet + "' was specified more than once");
            }
        }
        if (ElbLoadBalancer.APPLICATION.equals(type) && distinct.size() < 2) {
            throw ElbErrors.validation("At least two subnets in two different Availability Zones must be specified");
        }
        if (distinct.isEmpty()) {
            throw ElbErrors.validation("At least one subnet must be specified");
        }
        return List.copyOf(distinct);
    }

    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        Snapshot state = store.snapshot();
        boolean byArn = request.hasLoadBalancerArns() && !request.loadBalancerArns().isEmpty();
        boolean byName = request.hasNames() && !request.names().isEmpty();
        if (byArn && byName) {
            throw ElbErrors.validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }
        List<ElbLoadBalancer> selected;
        if (byArn) {
            Set<String> arns = new HashSet<>(request.loadBalancerArns());
            arns.forEach(arn -> resources.loadBalancer(state, arn));
            selected = state.all(Kind.LOAD_BALANCER).filter(lb -> arns.contains(lb.loadBalancerArn())).toList();
        } else if (byName) {
            Set<String> names = new HashSet<>(request.names());
            selected = state.all(Kind.LOAD_BALANCER).filter(lb -> names.contains(lb.name())).toList();
            if (selected.size() != names.size()) {
                throw ElbErrors.loadBalancerNotFound();
            }
        } else {
            selected = state.all(Kind.LOAD_BALANCER).toList();
        }
        ElbPages.Page<ElbLoadBalancer> page = ElbPages.page(selected, ElbLoadBalancer::loadBalancerArn,
                request.pageSize(), request.marker());
        return DescribeLoadBalancersResponse.builder()
                .loadBalancers(page.items().stream().map(mapper::loadBalancer).toList())
                .nextMarker(page.nextMarker())
                .build();
    }

    /** Deletes a load balancer with its listeners and their rules; an ARN that names none is already deleted. */
    public DeleteLoadBalancerResponse deleteLoadBalancer(DeleteLoadBalancerRequest request) {
        String arn = request.loadBalancerArn();
        ElbResources.checkArn(arn, ElbResources.ResourceType.LOAD_BALANCER);
        store.write(tx -> {
            ElbLoadBalancer lb = tx.find(Kind.LOAD_BALANCER, arn).orElse(null);
            if (lb == null) {
                return null; // already gone: ELBv2 answers success
            }
            if (Boolean.parseBoolean(lb.attributes().get(ElbAttributes.DELETION_PROTECTION))) {
                throw ElbErrors.notPermitted("Load balancer '" + arn
                        + "' cannot be deleted because deletion protection is enabled");
            }
            List<Listener> listeners = resources.listenersOf(tx.state(), arn).toList();
            for (Listener listener : listeners) {
                ListenerOperations.deleteWithRules(tx, resources, listener);
            }
            tx.delete(Kind.LOAD_BALANCER, arn);
            return null;
        });
        return DeleteLoadBalancerResponse.builder().build();
    }

    public DescribeLoadBalancerAttributesResponse describeLoadBalancerAttributes(
            DescribeLoadBalancerAttributesRequest request) {
        ElbLoadBalancer lb = resources.loadBalancer(store.snapshot(), request.loadBalancerArn());
        return DescribeLoadBalancerAttributesResponse.builder()
                .attributes(ElbMapper.loadBalancerAttributes(lb.attributes())).build();
    }

    public ModifyLoadBalancerAttributesResponse modifyLoadBalancerAttributes(
            ModifyLoadBalancerAttributesRequest request) {
        List<AttributeChanges.Change> changes = new ArrayList<>();
        if (request.hasAttributes()) {
            request.attributes().forEach(a -> changes.add(new AttributeChanges.Change(a.key(), a.value())));
        }
        ElbLoadBalancer modified = store.write(tx -> {
            ElbLoadBalancer lb = resources.loadBalancer(tx.state(), request.loadBalancerArn());
            return tx.put(Kind.LOAD_BALANCER, lb.withAttributes(LoadBalancerAttributeRules.modify(lb, changes)));
        });
        return ModifyLoadBalancerAttributesResponse.builder()
                .attributes(ElbMapper.loadBalancerAttributes(modified.attributes())).build();
    }

    static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}

package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.CircuitBreakerOptions;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.Lists;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.RuleAction;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.scheduler.ClusterQuery;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.ThresholdConfiguration;

/** ECS's checks on a service's settings, shared by CreateService and UpdateService. */
final class ServiceRules {
    private ServiceRules() {
    }

    static void checkLaunchChoice(String launchType,
            List<software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem> strategy) {
        if (launchType != null && !strategy.isEmpty()) {
            throw ApiException.invalidParameter("Specifying both a launch type and capacity provider strategy is not "
                    + "supported. Remove one and try again.");
        }
        if (launchType != null && !Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES").contains(launchType)) {
            throw ApiException.invalidParameter("Invalid launchType '" + Quoted.of(launchType) + "'.");
        }
    }

    /**
     * A service role serves only to register tasks with load balancers. ECS's message for a role without load
     * balancers as it answers it today (2021 on); until about 2017 it said "A role was passed, but no load balancers
     * were present." The API reference documents only that the role needs load balancers.
     */
    static void checkRole(String role, List<LoadBalancer> loadBalancers) {
        if (role != null && !role.isEmpty() && Lists.orEmpty(loadBalancers).isEmpty()) {
            throw ApiException.invalidParameter("IAM roles are only valid for services configured to use load "
                    + "balancers.");
        }
    }

    /**
     * The deployment configuration as stored: the given members over the current (or default) ones. Options ecsd
     * cannot honour are refused rather than ignored.
     */
    static DeploymentConfiguration deploymentConfiguration(
            software.amazon.awssdk.services.ecs.model.DeploymentConfiguration requested, DeploymentConfiguration current) {
        DeploymentConfiguration base = current == null ? DeploymentConfiguration.defaults() : current;
        if (requested == null) {
            return base;
        }
        if (requested.strategyAsString() != null && !"ROLLING".equals(requested.strategyAsString())) {
            throw ApiException.invalidParameter("ecsd supports the ROLLING deployment strategy only, not "
                    + requested.strategyAsString() + ".");
        }
        if (requested.alarms() != null && Boolean.TRUE.equals(requested.alarms().enable())) {
            throw ApiException.invalidParameter("Deployment alarms are not supported by ecsd yet: CloudWatch alarms "
                    + "are not available. Remove deploymentConfiguration.alarms or set enable to false.");
        }
        if (requested.hasLifecycleHooks() && !requested.lifecycleHooks().isEmpty()) {
            throw ApiException.invalidParameter("Deployment lifecycle hooks are not supported by ecsd.");
        }
        int minimum = requested.minimumHealthyPercent() != null ? requested.minimumHealthyPercent()
                : base.minimumHealthyPercent();
        int maximum = requested.maximumPercent() != null ? requested.maximumPercent() : base.maximumPercent();
        if (minimum < 0 || minimum > 100) {
            throw ApiException.invalidParameter("minimumHealthyPercent must be between 0 and 100, not " + minimum + ".");
        }
        if (maximum < 100 || maximum > 200) {
            throw ApiException.invalidParameter("maximumPercent must be between 100 and 200, not " + maximum + ".");
        }
        boolean enable = base.circuitBreakerEnabled();
        boolean rollback = base.rollback();
        CircuitBreakerOptions options = base.circuitBreakerOptions();
        DeploymentCircuitBreaker breaker = requested.deploymentCircuitBreaker();
        if (breaker != null) {
            enable = Boolean.TRUE.equals(breaker.enable());
            rollback = Boolean.TRUE.equals(breaker.rollback());
            CircuitBreakerOptions.ThresholdConfiguration typed = null;
            ThresholdConfiguration threshold = breaker.thresholdConfiguration();
            if (threshold != null) {
                String type = threshold.typeAsString() == null ? "BOUNDED_PERCENT" : threshold.typeAsString();
                if (!Set.of("BOUNDED_PERCENT", "UNBOUNDED_PERCENT", "COUNT").contains(type)) {
                    throw ApiException.invalidParameter("Invalid circuit breaker threshold type '" + Quoted.of(type)
                            + "'. Valid values are BOUNDED_PERCENT, UNBOUNDED_PERCENT and COUNT.");
                }
                Integer value = threshold.value();
                if (value != null && (value < 1 || ("COUNT".equals(type) ? value > 10000 : value > 100))) {
                    throw ApiException.invalidParameter("Invalid circuit breaker threshold value " + value + " for type "
                            + type + ".");
                }
                typed = new CircuitBreakerOptions.ThresholdConfiguration(threshold.typeAsString(), value);
            }
            options = new CircuitBreakerOptions(breaker.resetOnHealthyTask(), typed);
        }
        return new DeploymentConfiguration(minimum, maximum, enable, rollback, options, base.additionalFields());
    }

    static String propagateTags(String value) {
        if (value == null) {
            return "NONE";
        }
        if (!Set.of("TASK_DEFINITION", "SERVICE", "NONE").contains(value)) {
            throw ApiException.invalidParameter("Invalid propagateTags '" + Quoted.of(value)
                    + "'. Valid values are TASK_DEFINITION, SERVICE and NONE.");
        }
        return value;
    }

    static Integer gracePeriod(Integer seconds) {
        if (seconds != null && seconds < 0) {
            throw ApiException.invalidParameter("healthCheckGracePeriodSeconds must be 0 or more.");
        }
        return seconds;
    }

    /**
     * A service's load balancers, checked as ECS checks them: the target group exists and a load balancer forwards
     * to it, its target type suits the task's network mode, and the container and port are in the task definition.
     */
    static List<dev.ecsd.model.LoadBalancer> loadBalancers(Snapshot state, List<LoadBalancer> loadBalancers,
            TaskDefinition definition) {
        List<dev.ecsd.model.LoadBalancer> result = new ArrayList<>();
        for (LoadBalancer loadBalancer : loadBalancers) {
            if (loadBalancer.targetGroupArn() == null && loadBalancer.loadBalancerName() == null) {
                throw ApiException.invalidParameter("A load balancer needs a targetGroupArn or a loadBalancerName.");
            }
            if (loadBalancer.targetGroupArn() == null) {
                throw ApiException.invalidParameter("Classic Load Balancers are not supported by ecsd: give the "
                        + "targetGroupArn of an Application Load Balancer's target group instead of loadBalancerName "
                        + loadBalancer.loadBalancerName() + ".");
            }
            checkTargetGroup(state, loadBalancer.targetGroupArn(), definition);
            checkContainerPort(loadBalancer.containerName(), loadBalancer.containerPort(), definition);
            result.add(SdkBridge.toModel(loadBalancer, dev.ecsd.model.LoadBalancer.class));
        }
        return result;
    }

    /** A new task definition for a service must still have the container ports its load balancers send to. */
    static void checkLoadBalancersFit(List<dev.ecsd.model.LoadBalancer> loadBalancers, TaskDefinition definition) {
        for (dev.ecsd.model.LoadBalancer loadBalancer : Lists.orEmpty(loadBalancers)) {
            checkContainerPort(loadBalancer.containerName(), loadBalancer.containerPort(), definition);
        }
    }

    private static void checkContainerPort(String containerName, Integer containerPort, TaskDefinition definition) {
        ContainerDefinition container = containerName == null ? null : definition.container(containerName).orElse(null);
        if (container == null) {
            throw ApiException.invalidParameter("The container " + containerName
                    + " does not exist in the task definition.");
        }
        boolean hasPort = Lists.orEmpty(container.portMappings()).stream().map(PortMapping::containerPort)
                .anyMatch(p -> p != null && p.equals(containerPort));
        if (!hasPort) {
            throw ApiException.invalidParameter("The container " + containerName
                    + " did not have a container port " + containerPort + " defined.");
        }
    }

    private static void checkTargetGroup(Snapshot state, String targetGroupArn, TaskDefinition definition) {
        TargetGroup group = state.find(Kind.TARGET_GROUP, targetGroupArn).orElseThrow(() ->
                ApiException.invalidParameter("The target group with targetGroupArn " + targetGroupArn
                        + " does not exist."));
        // an HTTP listener (the ones ecsd serves) of a load balancer that exists, by its default actions or a rule
        Map<String, Listener> served = new HashMap<>();
        state.all(Kind.LISTENER).filter(l -> "HTTP".equalsIgnoreCase(l.protocol())
                        && state.find(Kind.LOAD_BALANCER, l.loadBalancerArn()).isPresent())
                .forEach(l -> served.put(l.listenerArn(), l));
        boolean forwarded = served.values().stream().anyMatch(l -> forwardsTo(l.defaultActions(), targetGroupArn))
                || state.all(Kind.LISTENER_RULE).anyMatch(r -> served.containsKey(r.listenerArn())
                        && forwardsTo(r.actions(), targetGroupArn));
        if (!forwarded) {
            throw ApiException.invalidParameter("The target group with targetGroupArn " + targetGroupArn
                    + " does not have an associated load balancer.");
        }
        if ("awsvpc".equals(definition.effectiveNetworkMode()) && !"ip".equals(group.targetType())) {
            throw ApiException.invalidParameter("The provided target group " + targetGroupArn + " has target type "
                    + group.targetType() + ", which is incompatible with the awsvpc network mode specified in the "
                    + "task definition.");
        }
    }

    private static boolean forwardsTo(List<RuleAction> actions, String targetGroupArn) {
        return actions.stream().anyMatch(a -> a.targetGroups().stream()
                .anyMatch(g -> g.targetGroupArn().equals(targetGroupArn)));
    }

    static List<dev.ecsd.model.ServiceRegistry> serviceRegistries(List<ServiceRegistry> registries) {
        List<dev.ecsd.model.ServiceRegistry> result = new ArrayList<>();
        for (ServiceRegistry registry : registries) {
            if (registry.registryArn() == null) {
                throw ApiException.invalidParameter("A service registry needs a registryArn.");
            }
            result.add(SdkBridge.toModel(registry, dev.ecsd.model.ServiceRegistry.class));
        }
        return result;
    }

    static List<Map<String, Object>> placementConstraints(List<PlacementConstraint> constraints) {
        if (constraints.size() > 10) {
            throw ApiException.invalidParameter("A service can have at most 10 placement constraints.");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (PlacementConstraint constraint : constraints) {
            String type = constraint.typeAsString();
            if (!Set.of("distinctInstance", "memberOf").contains(type)) {
                throw ApiException.invalidParameter("Invalid placement constraint type '" + Quoted.of(type)
                        + "'. Valid values are distinctInstance and memberOf.");
            }
            if ("memberOf".equals(type) && (constraint.expression() == null || constraint.expression().isBlank())) {
                throw ApiException.invalidParameter("A memberOf placement constraint needs an expression.");
            }
            if ("memberOf".equals(type)) {
                ClusterQuery.validate(constraint.expression()).ifPresent(problem -> {
                    throw ApiException.invalidParameter(problem);
                });
            }
            if ("distinctInstance".equals(type) && constraint.expression() != null) {
                throw ApiException.invalidParameter("A distinctInstance placement constraint takes no expression.");
            }
            result.add(SdkBridge.toMap(constraint));
        }
        return result;
    }

    static List<Map<String, Object>> placementStrategy(List<PlacementStrategy> strategies) {
        if (strategies.size() > 5) {
            throw ApiException.invalidParameter("A service can have at most 5 placement strategies.");
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (PlacementStrategy strategy : strategies) {
            String type = strategy.typeAsString();
            if (!Set.of("random", "spread", "binpack").contains(type)) {
                throw ApiException.invalidParameter("Invalid placement strategy type '" + Quoted.of(type)
                        + "'. Valid values are random, spread and binpack.");
            }
            if ("binpack".equals(type) && !Set.of("cpu", "memory").contains(String.valueOf(strategy.field()))) {
                throw ApiException.invalidParameter("The binpack placement strategy needs the field cpu or memory.");
            }
            if ("spread".equals(type) && strategy.field() == null) {
                throw ApiException.invalidParameter("The spread placement strategy needs a field.");
            }
            result.add(SdkBridge.toMap(strategy));
        }
        return result;
    }
}

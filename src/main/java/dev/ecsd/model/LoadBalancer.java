package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One load balancer of a service: the target group (or classic load balancer) and the container port it sends to.
 * Members ecsd does not act on (an {@code advancedConfiguration} for blue/green) are kept as given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancer(String targetGroupArn, String loadBalancerName, String containerName, Integer containerPort,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalFields) {

    public LoadBalancer {
        additionalFields = Lists.copy(Lists.orEmpty(additionalFields));
    }

    public LoadBalancer(String targetGroupArn, String loadBalancerName, String containerName, Integer containerPort) {
        this(targetGroupArn, loadBalancerName, containerName, containerPort, Map.of());
    }
}

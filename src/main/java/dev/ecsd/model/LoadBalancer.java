package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One load balancer of a service: the target group (or classic load balancer) and the container port it sends to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancer(String targetGroupArn, String loadBalancerName, String containerName, Integer containerPort) {
}

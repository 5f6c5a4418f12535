package dev.ecsd.model.elb;

/** A load balancer's state code ({@code provisioning}, {@code active}, {@code active_impaired}, {@code failed}). */
public record LoadBalancerState(String code, String reason) {
    public static final LoadBalancerState ACTIVE = new LoadBalancerState("active", null);

    public static LoadBalancerState impaired(String reason) {
        return new LoadBalancerState("active_impaired", reason);
    }
}

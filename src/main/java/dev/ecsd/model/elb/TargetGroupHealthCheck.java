package dev.ecsd.model.elb;

/**
 * How a target group checks its targets. {@code port} is {@code traffic-port} or a number; {@code matcher} is
 * ALB's HttpCode matcher ({@code 200}, {@code 200,202}, {@code 200-299}).
 */
public record TargetGroupHealthCheck(boolean enabled, String protocol, String port, String path, int intervalSeconds,
        int timeoutSeconds, int healthyThresholdCount, int unhealthyThresholdCount, String matcher) {

    public static final String TRAFFIC_PORT = "traffic-port";
}

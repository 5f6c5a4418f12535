package dev.ecsd.api.elbv2;

/**
 * The health-check members of a CreateTargetGroup or ModifyTargetGroup request, each null when the request leaves
 * it out; {@code matcher} is the HttpCode matcher and {@code grpcMatcher} the GrpcCode one.
 */
public record HealthCheckSettings(Boolean enabled, String protocol, String port, String path, Integer intervalSeconds,
        Integer timeoutSeconds, Integer healthyThresholdCount, Integer unhealthyThresholdCount, String matcher,
        String grpcMatcher) {

    public static final HealthCheckSettings NONE =
            new HealthCheckSettings(null, null, null, null, null, null, null, null, null, null);
}

package dev.ecsd.api.elbv2;

import dev.ecsd.model.elb.TargetGroupHealthCheck;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a target group checks its targets: ALB's defaults and bounds for HTTP target groups, NLB's for TCP ones.
 * Interval 5–300 s (30), timeout 2–120 s (5 for HTTP, 10 for TCP) and less than the interval, thresholds 2–10
 * (5 healthy, 2 unhealthy), matcher codes 200–499 ({@code 200}; {@code 200-399} for HTTP checks of TCP groups).
 */
public final class HealthCheckRules {
    public static final String HTTP = "HTTP";
    public static final String HTTPS = "HTTPS";
    public static final String TCP = "TCP";
    private static final Pattern CODE_RANGE = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");
    private static final int MAX_PATH_LENGTH = 1024;

    private HealthCheckRules() {
    }

    /** The health check of a new target group of {@code groupProtocol}, defaults filling what the request leaves out. */
    public static TargetGroupHealthCheck create(String groupProtocol, String targetType, HealthCheckSettings request) {
        String protocol = request.protocol() != null ? request.protocol() : TCP.equals(groupProtocol) ? TCP : HTTP;
        checkProtocol(groupProtocol, protocol);
        boolean http = !TCP.equals(protocol);
        int interval = request.intervalSeconds() != null ? request.intervalSeconds() : 30;
        Integer timeout = request.timeoutSeconds();
        if (timeout == null) {
            // The default gives way to a short interval the request asks for, so the timeout stays below it.
            timeout = Math.max(2, Math.min(TCP.equals(groupProtocol) ? 10 : 5, interval - 1));
        }
        TargetGroupHealthCheck check = new TargetGroupHealthCheck(
                request.enabled() == null || request.enabled(),
                protocol,
                request.port() != null ? request.port() : TargetGroupHealthCheck.TRAFFIC_PORT,
                http ? (request.path() != null ? request.path() : "/") : request.path(),
                interval, timeout,
                request.healthyThresholdCount() != null ? request.healthyThresholdCount() : 5,
                request.unhealthyThresholdCount() != null ? request.unhealthyThresholdCount() : 2,
                http ? (request.matcher() != null ? request.matcher() : TCP.equals(groupProtocol) ? "200-399" : "200")
                        : request.matcher());
        if (!http && (request.path() != null || request.matcher() != null)) {
            throw ElbErrors.validation("Health check path and matcher cannot be specified for TCP health checks");
        }
        return check(check, targetType, request.grpcMatcher());
    }

    /** A target group's health check with what a ModifyTargetGroup request changes. */
    public static TargetGroupHealthCheck modify(TargetGroupHealthCheck current, String groupProtocol, String targetType,
            HealthCheckSettings request) {
        String protocol = request.protocol() != null ? request.protocol() : current.protocol();
        checkProtocol(groupProtocol, protocol);
        boolean http = !TCP.equals(protocol);
        boolean wasHttp = !TCP.equals(current.protocol());
        String path = request.path() != null ? request.path() : http && !wasHttp ? "/" : http ? current.path() : null;
        String matcher = request.matcher() != null ? request.matcher()
                : http && !wasHttp ? "200-399" : http ? current.matcher() : null;
        TargetGroupHealthCheck check = new TargetGroupHealthCheck(
                request.enabled() != null ? request.enabled() : current.enabled(),
                protocol,
                request.port() != null ? request.port() : current.port(),
                path,
                request.intervalSeconds() != null ? request.intervalSeconds() : current.intervalSeconds(),
                request.timeoutSeconds() != null ? request.timeoutSeconds() : current.timeoutSeconds(),
                request.healthyThresholdCount() != null ? request.healthyThresholdCount()
                        : current.healthyThresholdCount(),
                request.unhealthyThresholdCount() != null ? request.unhealthyThresholdCount()
                        : current.unhealthyThresholdCount(),
                matcher);
        if (!http && (request.path() != null || request.matcher() != null)) {
            throw ElbErrors.validation("Health check path and matcher cannot be specified for TCP health checks");
        }
        return check(check, targetType, request.grpcMatcher());
    }

    private static void checkProtocol(String groupProtocol, String protocol) {
        ElbErrors.oneOf("healthCheckProtocol", protocol, List.of(HTTP, HTTPS, TCP, "TLS", "UDP", "TCP_UDP", "GENEVE"));
        if (HTTPS.equals(protocol)) {
            throw ElbErrors.unsupportedProtocol("ecsd checks targets over HTTP or TCP; HTTPS health checks need "
                    + "certificates, which are out of its scope");
        }
        if (!HTTP.equals(protocol) && !TCP.equals(protocol)) {
            throw ElbErrors.validation("Health check protocol '" + protocol + "' is not supported");
        }
        if (TCP.equals(protocol) && !TCP.equals(groupProtocol)) {
            throw ElbErrors.validation("Health check protocol 'TCP' is not supported for target groups with the '"
                    + groupProtocol + "' protocol");
        }
    }

    private static TargetGroupHealthCheck check(TargetGroupHealthCheck check, String targetType, String grpcMatcher) {
        if (!check.enabled()) {
            throw ElbErrors.invalidConfiguration("Health checks cannot be disabled for target groups with target type '"
                    + targetType + "'");
        }
        checkPort(check.port());
        ElbErrors.range("healthCheckIntervalSeconds", check.intervalSeconds(), 5, 300);
        ElbErrors.range("healthCheckTimeoutSeconds", check.timeoutSeconds(), 2, 120);
        ElbErrors.range("healthyThresholdCount", check.healthyThresholdCount(), 2, 10);
        ElbErrors.range("unhealthyThresholdCount", check.unhealthyThresholdCount(), 2, 10);
        if (check.timeoutSeconds() >= check.intervalSeconds()) {
            throw ElbErrors.validation("Health check interval must be greater than the timeout.");
        }
        if (check.path() != null) {
            ElbErrors.maxLength("healthCheckPath", check.path(), MAX_PATH_LENGTH);
            if (!check.path().startsWith("/")) {
                throw ElbErrors.validation("Health check path must begin with a '/' character");
            }
        }
        if (grpcMatcher != null) {
            throw ElbErrors.validation("A gRPC matcher can only be specified for target groups with the GRPC protocol "
                    + "version");
        }
        if (check.matcher() != null) {
            checkMatcher(check.matcher());
        }
        return check;
    }

    private static void checkPort(String port) {
        if (TargetGroupHealthCheck.TRAFFIC_PORT.equals(port)) {
            return;
        }
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) {
                return;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ElbErrors.validation("Health check port '" + port + "' must be 'traffic-port' or a port between "
                + "'1-65535' inclusive");
    }

    /** An HttpCode matcher: codes or ranges of codes, separated by commas, each between 200 and 499. */
    public static void checkMatcher(String matcher) {
        for (String part : matcher.split(",", -1)) {
            Matcher parsed = CODE_RANGE.matcher(part.trim());
            if (!parsed.matches()) {
                throw ElbErrors.validation("Health check matcher HTTP code '" + matcher
                        + "' must be a code (200), a list of codes (200,202) or a range of codes (200-299)");
            }
            int low = Integer.parseInt(parsed.group(1));
            int high = parsed.group(2) == null ? low : Integer.parseInt(parsed.group(2));
            if (low < 200 || high > 499 || low > high) {
                throw ElbErrors.validation("Health check matcher HTTP code '" + part.trim()
                        + "' must be within '200-499' inclusive");
            }
        }
    }
}

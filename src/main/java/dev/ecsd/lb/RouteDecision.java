package dev.ecsd.lb;

import java.util.Map;

/** What the listener does with one request, decided before any I/O: forward it, or answer it itself. */
sealed interface RouteDecision {

    /**
     * Send the request to {@code target}. {@code stickinessCookie} is the AWSALB value to set on the response,
     * or null when the group is not sticky.
     */
    record Forward(LoadBalancerRoute loadBalancer, TargetGroupRoute targetGroup, RoutableTarget target,
            String stickinessCookie) implements RouteDecision {
    }

    /** Answer without a target: a fixed response, a redirect, or one of ALB's error pages. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) implements RouteDecision {

        public static Answer page(int status) {
            return new Answer(status, AlbPages.CONTENT_TYPE, AlbPages.page(status), Map.of());
        }
    }
}

package dev.ecsd.lb;

import dev.ecsd.model.elb.RuleAction.Redirect;
import java.util.Locale;

/**
 * The Location of a redirect action: each component of the configured URI, with ALB's keywords replaced by the
 * request's own — {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}} (without its leading
 * slash) and {@code #{query}}. A component left out keeps the request's value. Like ALB, the port is always
 * written, even when it is the protocol's default.
 */
final class RedirectLocation {
    private RedirectLocation() {
    }

    public static String of(Redirect redirect, RequestView request) {
        String protocol = substitute(orDefault(redirect.protocol(), "#{protocol}"), request).toLowerCase(Locale.ROOT);
        String host = substitute(orDefault(redirect.host(), "#{host}"), request);
        String port = substitute(orDefault(redirect.port(), "#{port}"), request);
        String path = substitute(orDefault(redirect.path(), "/#{path}"), request);
        String query = substitute(orDefault(redirect.query(), "#{query}"), request);
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        return protocol + "://" + host + ":" + port + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** The status of a redirect: {@code HTTP_301} is permanent, anything else ({@code HTTP_302}) temporary. */
    public static int status(Redirect redirect) {
        return "HTTP_301".equals(redirect.statusCode()) ? 301 : 302;
    }

    private static String orDefault(String component, String keyword) {
        return component == null || component.isEmpty() ? keyword : component;
    }

    private static String substitute(String template, RequestView request) {
        if (!template.contains("#{")) {
            return template;
        }
        String path = request.path();
        return template.replace("#{protocol}", "http")
                .replace("#{host}", request.host())
                .replace("#{port}", Integer.toString(request.listenerPort()))
                .replace("#{path}", path.startsWith("/") ? path.substring(1) : path)
                .replace("#{query}", request.query());
    }
}

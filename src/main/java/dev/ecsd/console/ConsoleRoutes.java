package dev.ecsd.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's routes: a method and a path pattern whose {@code {name}} segments match one path segment each.
 * The first route that matches answers.
 */
public final class ConsoleRoutes {
    /** One route. */
    public record Route(String method, String pattern, Function<ConsoleRequest, ConsoleAnswer> handler) {
    }

    /** A matched route and the values of its named segments. */
    record Match(Route route, Map<String, String> vars) {
    }

    private final List<Route> routes = new ArrayList<>();

    public ConsoleRoutes get(String pattern, Function<ConsoleRequest, ConsoleAnswer> handler) {
        routes.add(new Route("GET", pattern, handler));
        return this;
    }

    public ConsoleRoutes post(String pattern, Function<ConsoleRequest, ConsoleAnswer> handler) {
        routes.add(new Route("POST", pattern, handler));
        return this;
    }

    /** Every route, in the order they were registered (for tests that check each POST refuses a missing token). */
    List<Route> all() {
        return List.copyOf(routes);
    }

    /** The route for a method and path; a path that matches with another method only is not found either. */
    Optional<Match> match(String method, String path) {
        String[] segments = split(path);
        if (segments == null) {
            return Optional.empty();
        }
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Map<String, String> vars = matches(split(route.pattern()), segments);
            if (vars != null) {
                return Optional.of(new Match(route, vars));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> matches(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String want = pattern[i];
            if (want.startsWith("{") && want.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                vars.put(want.substring(1, want.length() - 1), segments[i]);
            } else if (!want.equals(segments[i])) {
                return null;
            }
        }
        return vars;
    }

    /** The path's segments, percent-decoded, or null when one holds a malformed escape (no route has it). */
    private static String[] split(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String[] segments = trimmed.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            // a name with ':' or '/' in it (family:revision) arrives percent-encoded; '+' stays a plus in a path
            try {
                segments[i] = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return segments;
    }
}

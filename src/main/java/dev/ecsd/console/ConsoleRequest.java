package dev.ecsd.console;

import java.util.Map;

/**
 * One request to the console, as its pages see it: the path's named parts ({@code {region}} and the like), the
 * query, the form of a POST, and the visitor's session with the CSRF token its forms carry.
 */
public record ConsoleRequest(String method, String path, Map<String, String> vars, Map<String, String> query,
        Map<String, String> form, ConsoleSessions.Session session, String csrfToken) {

    /** A named part of the path (the route declared it, so it is there). */
    public String var(String name) {
        return vars.get(name);
    }

    /** A query parameter, or null. */
    public String query(String name) {
        return query.get(name);
    }

    /** A form field of a POST, or null. */
    public String form(String name) {
        return form.get(name);
    }

    /** The live part of a page a poller asks for ({@code ?part=events}), or null for the whole page. */
    public String part() {
        return query.get("part");
    }

    ConsoleRequest withVars(Map<String, String> named) {
        return new ConsoleRequest(method, path, Map.copyOf(named), query, form, session, csrfToken);
    }
}

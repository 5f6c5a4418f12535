package dev.ecsd.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console on the API's own port, under {@code /ui/}: it declines every other path. It gives each visitor a
 * signed session cookie, sends a visitor not logged in (on a non-loopback bind) to the login page, refuses a POST
 * without its session's CSRF token, and hands what is left to the console's routes.
 */
public final class ConsoleHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
    /** A form is a few fields; anything larger is not one of ours. */
    private static final int MAX_FORM_BYTES = 64 * 1024;
    /** The query parameter that signs a redirect's message ({@link #signFlash}). */
    static final String FLASH = "flash";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            // no inline script or style: an injected tag cannot run, whatever a resource's name holds
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY",
            // no other site's window keeps a handle on a console page, nor embeds its files
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin");

    private final ConsoleSessions sessions;
    private final ConsoleAssets assets;
    private final ConsoleRoutes routes;
    private final ConsolePages pages;

    public ConsoleHandler(ConsoleSessions sessions, ConsoleAssets assets, ConsoleRoutes routes, ConsolePages pages) {
        this.sessions = sessions;
        this.assets = assets;
        this.routes = routes;
        this.pages = pages;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/ui") || path.startsWith("/ui/"))) {
            return false;
        }
        String method = request.getMethod();
        ConsoleAnswer answer;
        ConsoleSessions.Session session = null;
        ConsoleSessions.Session fresh = null;
        if (sessions.open() && !LoopbackHost.is(Request.getServerName(request))) {
            // an open console answers to loopback names only: a site whose name was rebound to 127.0.0.1 would
            // otherwise be same-origin with it, read its pages and its forms' tokens, and act on the server
            answer = ConsoleAnswer.text(403, "This console opens without a login on a loopback bind, so it answers "
                    + "only to a loopback address or localhost in the address bar.");
        } else if (path.equals("/ui")) {
            answer = ConsoleAnswer.seeOther("/ui/");
        } else if (path.startsWith("/ui/assets/")) {
            answer = asset(path);
        } else {
            Optional<ConsoleSessions.Session> known = sessions.read(cookie(request));
            session = known.orElseGet(() -> sessions.start(sessions.open()));
            fresh = known.isPresent() ? null : session;
            answer = answer(request, path, session);
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        SECURITY_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
        if (!path.startsWith("/ui/assets/") || answer.status() != 200) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        // a page's Secure cookie when it was reached over TLS (a proxy in front, say): never sent back in clear
        String cookieFlags = request.isSecure() ? "; Secure" : "";
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            String value = header.getValue();
            if (header.getKey().equals("Set-Cookie")) {
                value += cookieFlags;
            } else if (header.getKey().equals("Location") && "POST".equals(method)
                    && !answer.headers().containsKey("Set-Cookie")) {
                // only an action's answer (a POST that carried its session's token) is signed: a GET that redirects
                // to an address from its query (the login's next=) would sign whatever a link put there
                value = signFlash(value, session);
            }
            response.getHeaders().put(header.getKey(), value);
        }
        if (fresh != null && !answer.headers().containsKey("Set-Cookie")) {
            response.getHeaders().add("Set-Cookie", sessions.setCookie(fresh) + cookieFlags);
        }
        if ("HEAD".equals(method)) {
            // a HEAD says what a GET would answer, without the body
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
        return true;
    }

    /**
     * Marks a redirect's {@code done}/{@code error} message as the console's own, for this session: a page shows
     * only such messages, so a link from elsewhere cannot make the console say what its author wants.
     */
    private String signFlash(String location, ConsoleSessions.Session session) {
        int question = location.indexOf('?');
        if (session == null || question < 0) {
            return location;
        }
        Map<String, String> query = parameters(location.substring(question + 1));
        if (!query.containsKey("done") && !query.containsKey("error")) {
            return location;
        }
        return location + "&" + FLASH + "=" + sessions.flashSignature(session, query.get("done"), query.get("error"));
    }

    /** The query without a {@code done}/{@code error} message that the console did not sign for this session. */
    private Map<String, String> verifiedFlash(Map<String, String> query, ConsoleSessions.Session session) {
        if (!query.containsKey("done") && !query.containsKey("error")) {
            return query;
        }
        if (sessions.flashMatches(session, query.get("done"), query.get("error"), query.get(FLASH))) {
            return query;
        }
        Map<String, String> stripped = new HashMap<>(query);
        stripped.remove("done");
        stripped.remove("error");
        return stripped;
    }

    private ConsoleAnswer answer(Request request, String path, ConsoleSessions.Session session) throws IOException {
        String method = request.getMethod();
        Map<String, String> query = verifiedFlash(parameters(request.getHttpURI().getQuery()), session);
        Map<String, String> form = Map.of();
        if ("POST".equals(method)) {
            Optional<Map<String, String>> read = form(request);
            if (read.isEmpty()) {
                return ConsoleAnswer.text(413, "A console form is at most " + MAX_FORM_BYTES + " bytes.");
            }
            form = read.get();
            if (!sessions.csrfMatches(session, form.get("csrf"))) {
                return ConsoleAnswer.text(403, "This form did not come from this console's page, or its page is "
                        + "older than your session: reload the page and try again.");
            }
        } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return ConsoleAnswer.text(405, "The console answers GET, and POST for its forms.");
        }
        boolean loginPage = path.equals(LoginPage.PATH) || path.equals(LoginPage.LOGOUT);
        if (!session.loggedIn() && !loginPage) {
            if (query.containsKey("part") || !("GET".equals(method) || "HEAD".equals(method))) {
                return ConsoleAnswer.text(401, "Log in to the console first: " + LoginPage.PATH);
            }
            return ConsoleAnswer.seeOther(LoginPage.PATH + "?next=" + LoginPage.encode(path));
        }
        Optional<ConsoleRoutes.Match> match = routes.match("HEAD".equals(method) ? "GET" : method, path);
        ConsoleRequest consoleRequest = new ConsoleRequest(method, path, Map.of(), query, form, session,
                sessions.csrfToken(session));
        if (match.isEmpty()) {
            return pages.notFound(consoleRequest, "There is no console page at " + path + ".");
        }
        try {
            return match.get().route().handler().apply(consoleRequest.withVars(match.get().vars()));
        } catch (RuntimeException e) {
            LOG.warn("console page {} {} failed", method, path, e);
            return pages.failed(consoleRequest, e);
        }
    }

    private ConsoleAnswer asset(String path) {
        // /ui/assets/<version>/<name>: an old version is still served (a page open across an upgrade), just not cached
        String[] parts = path.substring("/ui/assets/".length()).split("/");
        if (parts.length != 2) {
            return ConsoleAnswer.text(404, "No such asset.");
        }
        Optional<ConsoleAssets.Asset> found = assets.find(parts[1]);
        if (found.isEmpty()) {
            return ConsoleAnswer.text(404, "No such asset.");
        }
        String cache = parts[0].equals(assets.version()) ? "public, max-age=31536000, immutable" : "no-cache";
        return new ConsoleAnswer(200, found.get().contentType(), Map.of("Cache-Control", cache), found.get().body());
    }

    private static String cookie(Request request) {
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie cookie : cookies) {
            if (ConsoleSessions.COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static Optional<Map<String, String>> form(Request request) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                return Optional.empty();
            }
            return Optional.of(parameters(new String(body, StandardCharsets.UTF_8)));
        }
    }

    static Map<String, String> parameters(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the pair is dropped, as a browser never sends one
            }
        }
        return values;
    }
}

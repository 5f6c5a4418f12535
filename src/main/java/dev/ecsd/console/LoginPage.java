package dev.ecsd.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login of a console bound to a non-loopback address: the server's access key id and secret access key, checked
 * as the API checks a signature's key, make the session a logged-in one. Neither is ever put in a page or a URL.
 */
final class LoginPage {
    static final String PATH = "/ui/login";
    static final String LOGOUT = "/ui/logout";
    private static final Logger LOG = LoggerFactory.getLogger(LoginPage.class);

    private final ConsoleSessions sessions;
    private final ConsolePages pages;

    LoginPage(ConsoleSessions sessions, ConsolePages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    void register(ConsoleRoutes routes) {
        routes.get(PATH, this::show).post(PATH, this::logIn).post(LOGOUT, this::logOut);
    }

    private ConsoleAnswer show(ConsoleRequest request) {
        if (request.session().loggedIn()) {
            return ConsoleAnswer.seeOther(next(request.query("next")));
        }
        return form(request, 200, request.query("next"), null);
    }

    private ConsoleAnswer logIn(ConsoleRequest request) {
        String next = request.form("next");
        if (!sessions.credentialsMatch(request.form("accessKeyId"), request.form("secretAccessKey"))) {
            LOG.warn("console login refused: the access key id or secret access key is not the server's");
            return form(request, 401, next, "That access key id and secret access key are not the server's.");
        }
        ConsoleSessions.Session session = sessions.start(true);
        return new ConsoleAnswer(303, "text/plain; charset=utf-8",
                Map.of("Location", next(next), "Set-Cookie", sessions.setCookie(session)), new byte[0]);
    }

    private ConsoleAnswer logOut(ConsoleRequest request) {
        sessions.revoke(request.session());
        ConsoleSessions.Session session = sessions.start(false);
        return new ConsoleAnswer(303, "text/plain; charset=utf-8",
                Map.of("Location", sessions.open() ? "/ui/" : PATH, "Set-Cookie", sessions.setCookie(session)),
                new byte[0]);
    }

    private ConsoleAnswer form(ConsoleRequest request, int status, String next, String error) {
        Map<String, Object> params = new HashMap<>();
        PageContext page = pages.context(request, null, "Log in");
        params.put("page", new PageContext(page.title(), page.assets(), page.csrf(), null, java.util.List.of(),
                java.util.List.of(), null, error, false));
        params.put("next", next(next));
        return ConsoleAnswer.html(status, ConsolePages.render("login.jte", params));
    }

    /** Where to go after the login: a console path of this server only, never another site. */
    static String next(String wanted) {
        if (wanted == null || !wanted.startsWith("/ui/") || wanted.contains("//") || wanted.contains("\\")
                || wanted.startsWith(PATH) || wanted.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return "/ui/";
        }
        return wanted;
    }

    static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }
}

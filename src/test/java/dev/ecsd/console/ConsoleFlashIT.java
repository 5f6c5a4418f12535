package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Map;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message an action leaves for the next page ({@code ?done=}, {@code ?error=}), through the console's own
 * handler on a Jetty of its own with one action route: it shows for the session whose POST made it, and for no one
 * else, so the pattern every page's actions follow keeps working while a link cannot make the console say things.
 */
class ConsoleFlashIT {
    private static final String DONE = "Scaled web to 3 tasks.";
    private static ConsoleSessions sessions;
    private static Server jetty;
    private static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        sessions = new ConsoleSessions(InstantSource.system(), new SecureRandom(), "k", "s", true);
        ConsolePages pages = new ConsolePages(new ConsoleAssets(), new NoRegions(), false);
        ConsoleRoutes routes = new ConsoleRoutes()
                .get("/ui/", request -> pages.message(request, 200, "Home", "home"))
                .post("/ui/act", request -> ConsoleAnswer.seeOther("/ui/?done="
                        + URLEncoder.encode(DONE, StandardCharsets.UTF_8)))
                .post("/ui/fail", request -> ConsoleAnswer.seeOther("/ui/?error="
                        + URLEncoder.encode("desiredCount must be 0 or more", StandardCharsets.UTF_8)));
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(new ConsoleHandler(sessions, new ConsoleAssets(), routes, pages));
        jetty.start();
        endpoint = URI.create("http://127.0.0.1:" + ((NetworkConnector) jetty.getConnectors()[0]).getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void anActionsMessageShowsOnTheNextPageOfItsSessionOnly() {
        ConsoleHttp visitor = new ConsoleHttp(endpoint);
        String token = token(visitor);

        HttpResponse<String> acted = visitor.post("/ui/act", Map.of("csrf", token));
        String location = acted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> next = visitor.get(location);
        ConsoleHttp other = new ConsoleHttp(endpoint);
        other.get("/ui/");

        assertThat(acted.statusCode()).isEqualTo(303);
        assertThat(location).startsWith("/ui/?done=").contains("&" + ConsoleHandler.FLASH + "=");
        assertThat(next.body()).contains("<div class=\"flash\" role=\"status\">" + DONE + "</div>");
        assertThat(other.get(location).body()).as("another session's message").doesNotContain(DONE);
        assertThat(visitor.get(location.replace("Scaled", "Deleted")).body()).doesNotContain("web to 3");
    }

    @Test
    void anActionsErrorShowsAsAnError() {
        ConsoleHttp visitor = new ConsoleHttp(endpoint);
        String token = token(visitor);

        HttpResponse<String> failed = visitor.post("/ui/fail", Map.of("csrf", token));

        assertThat(visitor.get(failed.headers().firstValue("Location").orElseThrow()).body())
                .contains("<div class=\"flash error\" role=\"alert\">desiredCount must be 0 or more</div>");
    }

    /** The visitor's session's CSRF token, as its pages' forms carry it. */
    private static String token(ConsoleHttp visitor) {
        visitor.get("/ui/");
        return sessions.csrfToken(sessions.read(visitor.cookie()).orElseThrow());
    }
}

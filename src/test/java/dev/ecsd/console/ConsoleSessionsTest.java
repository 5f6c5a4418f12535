package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.VirtualTimer;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
    private final VirtualTimer clock = new VirtualTimer();
    private final ConsoleSessions sessions = new ConsoleSessions(clock, new SecureRandom(), "AKIDEXAMPLE", "s3cret",
            false);

    @Test
    void aCookieItSignedReadsBackAsTheSameSession() {
        ConsoleSessions.Session session = sessions.start(true);

        assertThat(sessions.read(sessions.cookieValue(session))).contains(session);
        assertThat(sessions.read(sessions.cookieValue(sessions.start(false))).orElseThrow().loggedIn()).isFalse();
    }

    @Test
    void aTamperedCookieIsNoSession() {
        String cookie = sessions.cookieValue(sessions.start(false));
        String[] parts = cookie.split("\\.");

        String promoted = parts[0] + "." + parts[1] + ".1." + parts[3] + "." + parts[4];
        String longer = parts[0] + "." + parts[1] + "." + parts[2] + "." + (Long.parseLong(parts[3]) + 86_400) + "."
                + parts[4];
        String flipped = cookie.substring(0, cookie.length() - 1)
                + (cookie.charAt(cookie.length() - 1) == 'A' ? 'B' : 'A');

        assertThat(sessions.read(promoted)).as("logged in without the signature's consent").isEmpty();
        assertThat(sessions.read(longer)).as("a later expiry").isEmpty();
        assertThat(sessions.read(flipped)).as("one character of the signature").isEmpty();
        assertThat(sessions.read(parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3])).isEmpty();
        assertThat(sessions.read("")).isEmpty();
        assertThat(sessions.read(null)).isEmpty();
        assertThat(sessions.read("v1.a.1.notanumber." + parts[4])).isEmpty();
    }

    @Test
    void anotherServersCookieIsNoSessionHere() {
        ConsoleSessions other = new ConsoleSessions(clock, new SecureRandom(), "AKIDEXAMPLE", "s3cret", false);

        assertThat(sessions.read(other.cookieValue(other.start(true)))).isEmpty();
    }

    @Test
    void aSessionExpiresAfterItsLifetime() {
        String cookie = sessions.cookieValue(sessions.start(true));

        clock.advance(ConsoleSessions.LIFETIME.minusSeconds(1));
        assertThat(sessions.read(cookie)).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.read(cookie)).isEmpty();
    }

    @Test
    void aLoggedOutSessionsCookieIsRefusedWhenReplayed() {
        ConsoleSessions.Session session = sessions.start(true);
        String cookie = sessions.cookieValue(session);

        sessions.revoke(session);

        assertThat(sessions.read(cookie)).isEmpty();
        assertThat(sessions.read(sessions.cookieValue(sessions.start(true)))).as("other sessions stay").isPresent();
    }

    @Test
    void eachSessionHasItsOwnCsrfToken() {
        ConsoleSessions.Session one = sessions.start(false);
        ConsoleSessions.Session two = sessions.start(false);

        assertThat(sessions.csrfMatches(one, sessions.csrfToken(one))).isTrue();
        assertThat(sessions.csrfToken(one)).isNotEqualTo(sessions.csrfToken(two));
        assertThat(sessions.csrfMatches(one, sessions.csrfToken(two))).isFalse();
        assertThat(sessions.csrfMatches(one, null)).isFalse();
        assertThat(sessions.csrfMatches(one, "")).isFalse();
        assertThat(sessions.csrfToken(one)).as("stable for the session's life").isEqualTo(sessions.csrfToken(one));
    }

    @Test
    void aFlashMessageIsTheConsolesOnlyForTheSessionItWasSignedFor() {
        ConsoleSessions.Session one = sessions.start(true);
        String signature = sessions.flashSignature(one, "Scaled web to 3.", null);

        assertThat(sessions.flashMatches(one, "Scaled web to 3.", null, signature)).isTrue();
        assertThat(sessions.flashMatches(one, "Call this number.", null, signature)).isFalse();
        assertThat(sessions.flashMatches(one, null, "Scaled web to 3.", signature)).isFalse();
        assertThat(sessions.flashMatches(sessions.start(true), "Scaled web to 3.", null, signature)).isFalse();
        assertThat(sessions.flashMatches(one, "Scaled web to 3.", null, null)).isFalse();
    }

    @Test
    void onlyTheServersKeyAndSecretMatch() {
        assertThat(sessions.credentialsMatch("AKIDEXAMPLE", "s3cret")).isTrue();
        assertThat(sessions.credentialsMatch(" AKIDEXAMPLE ", "s3cret")).as("a pasted id's spaces").isTrue();
        assertThat(sessions.credentialsMatch("AKIDEXAMPLE", "s3cre")).isFalse();
        assertThat(sessions.credentialsMatch("AKIDEXAMPLE", "s3cret ")).isFalse();
        assertThat(sessions.credentialsMatch("test", "s3cret")).isFalse();
        assertThat(sessions.credentialsMatch(null, "s3cret")).isFalse();
        assertThat(sessions.credentialsMatch("AKIDEXAMPLE", null)).isFalse();
    }

    @Test
    void theCookieIsHttpOnlySameSiteStrictAndScopedToTheConsole() {
        String header = sessions.setCookie(sessions.start(false));

        assertThat(header).startsWith(ConsoleSessions.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Strict")
                .contains("; Path=/ui/").contains("; Max-Age=" + ConsoleSessions.LIFETIME.toSeconds());
    }

    @Test
    void onALoopbackBindEverySessionIsLetIn() {
        ConsoleSessions open = new ConsoleSessions(clock, new SecureRandom(), "test", "test", true);

        assertThat(open.read(open.cookieValue(open.start(false))).orElseThrow().loggedIn()).isTrue();
    }
}

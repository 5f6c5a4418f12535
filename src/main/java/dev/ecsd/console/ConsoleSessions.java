package dev.ecsd.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's sessions: a cookie the server signs and checks, and nothing stored. Every visitor gets one (so every
 * POST, the login's too, can carry a CSRF token tied to it); on a non-loopback bind a session is let in only once
 * its holder gave the server's credentials. The signing key is made at start: a restart asks for a new login.
 */
public final class ConsoleSessions {
    /** The cookie's name. */
    public static final String COOKIE = "ecsd_console";
    /** How long a session lasts, logged in or not (a working day, as the ECR token lasts 12 hours). */
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final InstantSource clock;
    private final SecureRandom random;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final boolean open;
    /** Logged-in sessions logged out before they expired, by id, with their expiry: until then they are refused. */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();

    /**
     * @param open whether the console opens without a login (a loopback bind)
     */
    public ConsoleSessions(InstantSource clock, SecureRandom random, String accessKeyId, String secretAccessKey,
            boolean open) {
        this.clock = clock;
        this.random = random;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.open = open;
        this.key = new byte[32];
        random.nextBytes(key);
    }

    /** A session: its id, whether it may see and act on the console, and until when (epoch seconds). */
    public record Session(String id, boolean loggedIn, long expiresAt) {
    }

    public boolean open() {
        return open;
    }

    /** The session a cookie's value names, if the server signed it and it has not expired. */
    public Optional<Session> read(String cookieValue) {
        if (cookieValue == null) {
            return Optional.empty();
        }
        String[] parts = cookieValue.split("\\.");
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[4].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (expiresAt <= clock.instant().getEpochSecond() || revoked.containsKey(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[1], open || "1".equals(parts[2]), expiresAt));
    }

    /** A new session, logged in or not. */
    public Session start(boolean loggedIn) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return new Session(B64.encodeToString(id), loggedIn,
                clock.instant().plus(LIFETIME).getEpochSecond());
    }

    /** The cookie's value for a session. */
    public String cookieValue(Session session) {
        String payload = VERSION + "." + session.id() + "." + (session.loggedIn() ? "1" : "0") + "."
                + session.expiresAt();
        return payload + "." + sign(payload);
    }

    /**
     * The Set-Cookie header's value for a session: never readable by scripts (HttpOnly), never sent with another
     * site's request (SameSite=Strict), only to the console's paths.
     */
    public String setCookie(Session session) {
        return COOKIE + "=" + cookieValue(session) + "; Path=/ui/; Max-Age=" + LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict";
    }

    /**
     * Ends a session before its cookie expires (a logout): its cookie, replayed, is refused from now on. Only a
     * logged-in session needs it, so the list grows only with logins, each of which gave the server's secret.
     */
    public void revoke(Session session) {
        if (!session.loggedIn() || open) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        revoked.values().removeIf(expiresAt -> expiresAt <= now);
        revoked.put(session.id(), session.expiresAt());
    }

    /** The signature of a message a redirect carries to the next page ({@code ?done=} or {@code ?error=}). */
    public String flashSignature(Session session, String done, String error) {
        return sign("flash." + session.id() + "." + (done == null ? "-" : "d" + done) + "."
                + (error == null ? "-" : "e" + error));
    }

    public boolean flashMatches(Session session, String done, String error, String signature) {
        return signature != null && MessageDigest.isEqual(
                flashSignature(session, done, error).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token every form of the session carries; a POST without it is refused. */
    public String csrfToken(Session session) {
        return sign("csrf." + session.id());
    }

    public boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(csrfToken(session).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether a login gave the server's credentials (compared in constant time, as the API's verifier compares). */
    public boolean credentialsMatch(String givenKeyId, String givenSecret) {
        if (givenKeyId == null || givenSecret == null) {
            return false;
        }
        boolean idMatches = MessageDigest.isEqual(accessKeyId.getBytes(StandardCharsets.UTF_8),
                givenKeyId.trim().getBytes(StandardCharsets.UTF_8));
        boolean secretMatches = MessageDigest.isEqual(secretAccessKey.getBytes(StandardCharsets.UTF_8),
                givenSecret.getBytes(StandardCharsets.UTF_8));
        return idMatches & secretMatches;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

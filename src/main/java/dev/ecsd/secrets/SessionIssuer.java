package dev.ecsd.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and recognises temporary credentials without keeping any: the session token carries its claims and an
 * HMAC over them, the access key id is derived from the token and the secret key from both, all under keys derived
 * from the data key. So credentials issued before a restart still verify after it, and nothing about them is stored.
 * Whether a session is still acceptable (expiry, the task still running) is the verifier's question, not this one's.
 */
public final class SessionIssuer {
    private static final int MAC_BYTES = 32;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final byte[] tokenKey;
    private final byte[] accessKeyIdKey;
    private final byte[] secretKey;

    public SessionIssuer(ValueCipher cipher) {
        this.tokenKey = cipher.derivedKey("session-token");
        this.accessKeyIdKey = cipher.derivedKey("session-access-key-id");
        this.secretKey = cipher.derivedKey("session-secret-key");
    }

    /** A verified session: its claims and the secret key its requests are signed with. */
    public record Session(SessionClaims claims, String secretAccessKey) {
        @Override
        public String toString() {
            return "Session[" + claims + "]";
        }
    }

    public TemporaryCredentials issue(SessionClaims claims) {
        byte[] payload = payload(claims);
        ByteArrayOutputStream token = new ByteArrayOutputStream(payload.length + 1 + MAC_BYTES);
        token.writeBytes(payload);
        token.write(0);
        token.writeBytes(hmac(tokenKey, payload));
        String sessionToken = Base64.getEncoder().encodeToString(token.toByteArray());
        String accessKeyId = accessKeyId(sessionToken);
        return new TemporaryCredentials(accessKeyId, secretAccessKey(accessKeyId, sessionToken), sessionToken,
                claims.expiration(), claims);
    }

    /** The session {@code sessionToken} stands for, if this issuer made it and it goes with {@code accessKeyId}. */
    public Optional<Session> open(String accessKeyId, String sessionToken) {
        if (accessKeyId == null || sessionToken == null || !accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        byte[] token;
        try {
            token = Base64.getDecoder().decode(sessionToken.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (token.length < MAC_BYTES + 2 || token[token.length - MAC_BYTES - 1] != 0) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(token, token.length - MAC_BYTES - 1);
        byte[] mac = Arrays.copyOfRange(token, token.length - MAC_BYTES, token.length);
        if (!MessageDigest.isEqual(mac, hmac(tokenKey, payload))
                || !MessageDigest.isEqual(accessKeyId.getBytes(StandardCharsets.UTF_8),
                        accessKeyId(sessionToken.trim()).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return claims(payload).map(claims -> new Session(claims, secretAccessKey(accessKeyId, sessionToken.trim())));
    }

    private static byte[] payload(SessionClaims claims) {
        String text = "1\n" + claims.roleArn() + "\n" + claims.sessionName() + "\n"
                + (claims.taskArn() == null ? "" : claims.taskArn()) + "\n" + claims.expiration().getEpochSecond();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<SessionClaims> claims(byte[] payload) {
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (fields.length != 5 || !"1".equals(fields[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionClaims(fields[1], fields[2], fields[3].isEmpty() ? null : fields[3],
                    Instant.ofEpochSecond(Long.parseLong(fields[4]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "ASIA" and 16 base32 characters, as AWS's temporary access key ids look. */
    private String accessKeyId(String sessionToken) {
        byte[] digest = hmac(accessKeyIdKey, sessionToken.getBytes(StandardCharsets.UTF_8));
        StringBuilder id = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(BASE32[(digest[i] & 0xff) % 32]);
        }
        return id.toString();
    }

    /** 40 characters, as AWS's secret access keys are. */
    private String secretAccessKey(String accessKeyId, String sessionToken) {
        byte[] digest = hmac(secretKey, (accessKeyId + "\n" + sessionToken).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 30));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

package dev.ecsd.control.images;

import dev.ecsd.secrets.ValueCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ECR authorization tokens, issued and recognised without keeping any: a token carries its claims (account, region,
 * the access key id that asked for it, expiry) and an HMAC over them under a key derived from the data key, as
 * {@link dev.ecsd.secrets.SessionIssuer}'s session tokens do. So a token issued before a restart still holds after
 * it, until it expires.
 */
public final class EcrTokens {
    /** How long a token holds, as ECR's do. */
    public static final Duration VALIDITY = Duration.ofHours(12);
    /** The user name Docker logs in with: the part before the colon of the decoded authorization token. */
    public static final String USER = "AWS";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public EcrTokens(ValueCipher cipher) {
        this.key = cipher.derivedKey("ecr-authorization-token");
    }

    /** What a token stands for. */
    public record Claims(String accountId, String region, String accessKeyId, Instant expiresAt) {
        public Claims {
            for (String field : new String[] {accountId, region, accessKeyId}) {
                if (field.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("a token claim may not contain a line break");
                }
            }
            // the token keeps whole seconds
            expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        }
    }

    /** The password Docker logs in with: the claims and their MAC, in URL-safe base64. */
    public String issue(Claims claims) {
        byte[] payload = ("1\n" + claims.accountId() + "\n" + claims.region() + "\n" + claims.accessKeyId() + "\n"
                + claims.expiresAt().getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** ECR's {@code authorizationToken}: base64 of {@code AWS:<password>}. */
    public String authorizationToken(Claims claims) {
        return Base64.getEncoder().encodeToString((USER + ":" + issue(claims)).getBytes(StandardCharsets.UTF_8));
    }

    /** The claims of a token this server issued, whether or not it has expired; empty for any other text. */
    public Optional<Claims> open(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] mac = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(payload))) {
                return Optional.empty();
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 5 || !"1".equals(fields[0])) {
                return Optional.empty();
            }
            return Optional.of(new Claims(fields[1], fields[2], fields[3],
                    Instant.ofEpochSecond(Long.parseLong(fields[4]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

package dev.ecsd.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing keys, derived once per secret, date, region and service rather than on every request: the
 * derivation is four HMACs of the five a verification costs, and a client signs all its calls of a day with one
 * key. The cache is small and bounded; when it is full it is emptied, which costs only re-derivations.
 */
final class SigningKeys {
    static final int MAX_ENTRIES = 1024;
    private static final Map<Scope, byte[]> KEYS = new ConcurrentHashMap<>();

    private SigningKeys() {
    }

    /** What a signing key is derived from. Never printed: it holds a secret. */
    private record Scope(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "Scope[" + date + "/" + region + "/" + service + "]";
        }
    }

    /** The key for {@code secret} in the scope {@code date/region/service/aws4_request}. Callers must not change it. */
    static byte[] of(String secret, String date, String region, String service) {
        if (KEYS.size() >= MAX_ENTRIES) {
            KEYS.clear();
        }
        return KEYS.computeIfAbsent(new Scope(secret, date, region, service), scope -> derive(scope.secret(),
                scope.date(), scope.region(), scope.service()));
    }

    static byte[] derive(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static int size() {
        return KEYS.size();
    }
}

package dev.ecsd.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Raw AWS JSON 1.1 requests over {@code java.net.http}, signed the way the AWS CLI v2 signs them
 * ({@code content-type;host;x-amz-date;x-amz-target}, no {@code x-amz-content-sha256}). The signer here is a
 * small reference implementation written from the SigV4 specification, independent of the server's verifier.
 */
public final class SignedRequests {
    public static final String ECS_TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String accessKeyId = TestServer.ACCESS_KEY_ID;
    private String secretAccessKey = TestServer.SECRET_ACCESS_KEY;
    private String region = TestServer.REGION;
    private String service = "ecs";

    public SignedRequests(URI endpoint) {
        this.endpoint = endpoint;
    }

    public SignedRequests credentials(String newAccessKeyId, String newSecretAccessKey) {
        this.accessKeyId = newAccessKeyId;
        this.secretAccessKey = newSecretAccessKey;
        return this;
    }

    public SignedRequests scope(String newRegion, String newService) {
        this.region = newRegion;
        this.service = newService;
        return this;
    }

    /** POSTs {@code body} to the ECS operation, signed now. */
    public HttpResponse<String> ecs(String operation, String body) {
        return post(ECS_TARGET_PREFIX + operation, body);
    }

    /** POSTs {@code body} with this {@code X-Amz-Target}, signed now. */
    public HttpResponse<String> post(String target, String body) {
        return send("POST", target, body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    /** Sends a request with a target (null for none), signed as at {@code signingTime}. */
    public HttpResponse<String> send(String method, String target, byte[] body, Instant signingTime) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", JSON_1_1);
        if (target != null) {
            headers.put("x-amz-target", target);
        }
        return sendSigned(method, "/", headers, body, signingTime);
    }

    /** Signs the given headers (plus host and x-amz-date) and sends the request. */
    public HttpResponse<String> sendSigned(String method, String path, Map<String, String> headers, byte[] body,
            Instant signingTime) {
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", endpoint.getHost() + ":" + endpoint.getPort());
        signed.put("x-amz-date", AMZ_DATE.format(signingTime));
        Map<String, String> all = new LinkedHashMap<>(signed);
        all.put("authorization", authorization(method, path, signed, body, signingTime, accessKeyId, secretAccessKey,
                region, service));
        return sendRaw(method, path, all, body);
    }

    /**
     * As {@link #sendSigned(String, String, Map, byte[], Instant)}, with a query string: {@code query}'s names and
     * values are encoded as SigV4 canonicalizes them, in name order, so the query sent is its own canonical form.
     */
    public HttpResponse<String> sendSigned(String method, String path, Map<String, String> query,
            Map<String, String> headers, byte[] body, Instant signingTime) {
        StringBuilder canonicalQuery = new StringBuilder();
        new TreeMap<>(query).forEach((name, value) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&")
                .append(uriEncode(name)).append('=').append(uriEncode(value)));
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", endpoint.getHost() + ":" + endpoint.getPort());
        signed.put("x-amz-date", AMZ_DATE.format(signingTime));
        Map<String, String> all = new LinkedHashMap<>(signed);
        all.put("authorization", authorization(method, path, canonicalQuery.toString(), signed, body, signingTime,
                accessKeyId, secretAccessKey, region, service));
        return sendRaw(method, canonicalQuery.isEmpty() ? path : path + "?" + canonicalQuery, all, body);
    }

    private static String uriEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** Sends exactly these headers (except the ones java.net.http sets itself), unsigned unless they say so. */
    public HttpResponse<String> sendRaw(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null || body.length == 0 && !"POST".equals(method)
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code Authorization} header value for a request whose signed headers are exactly {@code signedHeaders}
     * (lower-case names), computed from the SigV4 specification.
     */
    public static String authorization(String method, String path, Map<String, String> signedHeaders, byte[] body,
            Instant signingTime, String accessKeyId, String secretAccessKey, String region, String service) {
        return authorization(method, path, "", signedHeaders, body, signingTime, accessKeyId, secretAccessKey, region,
                service);
    }

    /** As the other, for a request with a query string given in its canonical form. */
    public static String authorization(String method, String path, String canonicalQuery,
            Map<String, String> signedHeaders, byte[] body, Instant signingTime, String accessKeyId,
            String secretAccessKey, String region, String service) {
        Map<String, String> sorted = new TreeMap<>();
        signedHeaders.forEach((name, value) -> sorted.put(name.toLowerCase(Locale.ROOT), value));
        StringBuilder canonicalHeaders = new StringBuilder();
        sorted.forEach((name, value) -> canonicalHeaders.append(name).append(':')
                .append(value.strip().replaceAll("\\s+", " ")).append('\n'));
        String headerList = String.join(";", sorted.keySet());
        String canonicalRequest = String.join("\n", List.of(method, path, canonicalQuery, canonicalHeaders.toString(),
                headerList, hex(sha256(body == null ? new byte[0] : body))));
        String amzDate = AMZ_DATE.format(signingTime);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + headerList
                + ", Signature=" + signature;
    }

    public static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

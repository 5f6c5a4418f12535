package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.SessionIssuer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Verifies AWS Signature Version 4 in its header form. The canonical request is rebuilt from the headers
 * the request says it signed, so any client's choice of signed headers verifies (the CLI and the SDKs differ).
 * Signatures are made with the server's long-term keys or with temporary credentials it issued (an {@code ASIA}
 * key id and its {@code X-Amz-Security-Token}, which like every {@code x-amz-*} header must be signed).
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> secretsByAccessKey;
    private final String region;
    private final InstantSource clock;
    private final SessionCredentials sessions;

    /**
     * What a verified request was signed for, and by whom: the access key id and, for temporary credentials,
     * the session's claims (null for long-term keys).
     */
    public record Signed(String accessKeyId, String region, String service, SessionClaims session) {
        /** A request signed with long-term keys. */
        public Signed(String accessKeyId, String region, String service) {
            this(accessKeyId, region, service, null);
        }

        public Caller caller() {
            return new Caller(accessKeyId, session);
        }
    }

    /** The parts of an HTTP request a signature covers. Header names are matched without regard to case. */
    public record HttpRequestParts(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return String.join(",", entry.getValue());
                }
            }
            return null;
        }

        List<String> headerValues(String name) {
            List<String> values = new ArrayList<>();
            headers.forEach((key, list) -> {
                if (key.equalsIgnoreCase(name)) {
                    values.addAll(list);
                }
            });
            return values;
        }
    }

    /** A verifier of the given long-term keys only: temporary credentials are never accepted. */
    public SigV4Verifier(Map<String, String> secretsByAccessKey, String region, InstantSource clock) {
        this(secretsByAccessKey, region, clock, null, taskArn -> false);
    }

    /**
     * A verifier of the given long-term keys and of the temporary credentials {@code sessions} issued (none when
     * it is null); a session issued to a task is accepted while {@code taskIsLive} holds for the task's ARN.
     */
    public SigV4Verifier(Map<String, String> secretsByAccessKey, String region, InstantSource clock,
            SessionIssuer sessions, Predicate<String> taskIsLive) {
        this.secretsByAccessKey = Map.copyOf(secretsByAccessKey);
        this.region = region;
        this.clock = clock;
        this.sessions = new SessionCredentials(sessions, taskIsLive, clock);
    }

    public Signed verify(HttpRequestParts request) {
        List<String> authorizations = request.headerValues("Authorization");
        if (authorizations.isEmpty() || authorizations.stream().allMatch(String::isBlank)) {
            throw new ApiException(ErrorType.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
        }
        if (authorizations.size() > 1) {
            // Two headers would be read as one joined by a comma, and a valid one could vouch for any other.
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "The request carries " + authorizations.size()
                    + " 'Authorization' headers; exactly one is accepted.");
        }
        String authorization = authorizations.get(0);
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                    "Unsupported signature algorithm; ecsd accepts " + ALGORITHM + " (Signature Version 4) only.");
        }
        Map<String, String> parts = authorizationParts(authorization.substring(ALGORITHM.length() + 1));
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        List<String> missing = new ArrayList<>();
        if (credential == null) {
            missing.add("Authorization header requires 'Credential' parameter.");
        }
        if (signedHeaders == null) {
            missing.add("Authorization header requires 'SignedHeaders' parameter.");
        }
        if (signature == null) {
            missing.add("Authorization header requires 'Signature' parameter.");
        }
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            // AWS also takes a 'Date' header; ecsd does not, and must not say it does.
            missing.add("Authorization header requires existence of a 'X-Amz-Date' header"
                    + (request.header("Date") != null ? " (a 'Date' header is not accepted in its place by ecsd)."
                            : "."));
        }
        if (!missing.isEmpty()) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                    String.join(" ", missing) + " Authorization=" + authorization.split(" ")[0]);
        }
        requireSigned(request, signedHeaders);
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                            + credential + "'");
        }
        String accessKeyId = scope[0];
        List<String> tokens = request.headerValues(SessionCredentials.TOKEN_HEADER);
        String secret = secretsByAccessKey.get(accessKeyId);
        SessionClaims session = null;
        if (secret != null) {
            SessionCredentials.refuseTokenWithLongTermKey(tokens);
        } else if (accessKeyId.startsWith("ASIA")) {
            SessionIssuer.Session opened = sessions.open(accessKeyId, tokens);
            secret = opened.secretAccessKey();
            session = opened.claims();
        } else {
            throw new ApiException(ErrorType.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        }
        Instant requestTime;
        try {
            requestTime = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '"
                    + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        checkClockSkew(requestTime, amzDate);
        if (!amzDate.startsWith(scope[1])) {
            throw new ApiException(ErrorType.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!region.equals(scope[2])) {
            // AWS's words (observed, with its trailing space): ecsd answers them for a region it does not serve.
            throw new ApiException(ErrorType.INVALID_SIGNATURE,
                    "Credential should be scoped to a valid region, not '" + scope[2] + "'. ");
        }
        String declaredHash = request.header("X-Amz-Content-Sha256");
        if (declaredHash != null && !"UNSIGNED-PAYLOAD".equals(declaredHash)
                && !declaredHash.equalsIgnoreCase(HEX.formatHex(sha256(request.body())))) {
            throw new ApiException(ErrorType.INVALID_SIGNATURE,
                    "The provided 'x-amz-content-sha256' header does not match the hash of the request body.");
        }
        String canonicalRequest = canonicalRequest(request, signedHeaders);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n"
                + String.join("/", scope[1], scope[2], scope[3], scope[4]) + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = SigningKeys.of(secret, scope[1], scope[2], scope[3]);
        byte[] expected = SigningKeys.hmac(key, stringToSign);
        // AWS compares the hex strings: an upper-case signature is not the signature it calculated.
        byte[] provided = signature.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(HEX.formatHex(expected).getBytes(StandardCharsets.UTF_8), provided)) {
            throw new ApiException(ErrorType.INVALID_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided. "
                            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        if (session != null) {
            // Only once the signature holds: an unsigned guess learns nothing about a token.
            sessions.requireCurrent(session);
        }
        return new Signed(accessKeyId, scope[2], scope[3], session);
    }

    /**
     * Refuses a signature that leaves out a header the request depends on: the host, the date, the content type
     * and every {@code x-amz-*} header present (the target above all: unsigned, a captured request could be
     * replayed as another operation).
     */
    private static void requireSigned(HttpRequestParts request, String signedHeaders) {
        List<String> signed = List.of(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        if (!signed.contains("host")) {
            // Unsigned, the host would let a signature made for one endpoint be replayed against another.
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        Set<String> unsigned = new TreeSet<>();
        for (String name : request.headers().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("x-amz-") || lower.equals("content-type")) && !signed.contains(lower)) {
                unsigned.add(lower);
            }
        }
        if (!unsigned.isEmpty()) {
            throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "There were headers present in the request which "
                    + "were not signed: " + String.join(", ", unsigned) + ". 'Host', 'X-Amz-Date', 'Content-Type' and "
                    + "every 'X-Amz-*' header present must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    private void checkClockSkew(Instant requestTime, String amzDate) {
        Instant now = clock.instant();
        if (requestTime.isBefore(now.minus(MAX_SKEW))) {
            throw new ApiException(ErrorType.INVALID_SIGNATURE, "Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (requestTime.isAfter(now.plus(MAX_SKEW))) {
            throw new ApiException(ErrorType.INVALID_SIGNATURE, "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
    }

    static String canonicalRequest(HttpRequestParts request, String signedHeaders) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        canonical.append(canonicalPath(request.rawPath())).append('\n');
        canonical.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders.split(";")) {
            List<String> values = request.headerValues(name);
            List<String> trimmed = new ArrayList<>();
            for (String value : values) {
                trimmed.add(value.trim().replaceAll(" +", " "));
            }
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n');
        String declaredHash = request.header("X-Amz-Content-Sha256");
        canonical.append(declaredHash != null ? declaredHash : HEX.formatHex(sha256(request.body())));
        return canonical.toString();
    }

    private static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        // Services other than S3 sign each path segment encoded twice: the client encoded it once to send it.
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/", -1)) {
            segments.add(uriEncode(segment));
        }
        return String.join("/", segments);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(new String[] {uriEncode(urlDecode(name)), uriEncode(urlDecode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as SigV4 requires. */
    static String uriEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static String urlDecode(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The key=value parts of the header after the algorithm; anything else in it is refused, as AWS does. */
    private static Map<String, String> authorizationParts(String header) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : header.split(",", -1)) {
            String trimmed = part.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE, "'" + abbreviated(trimmed)
                        + "' not a valid key=value pair (missing equal-sign) in Authorization header.");
            }
            String key = trimmed.substring(0, equals).trim();
            if (parts.put(key, trimmed.substring(equals + 1).trim()) != null) {
                throw new ApiException(ErrorType.INCOMPLETE_SIGNATURE,
                        "'" + key + "' appears more than once in the Authorization header.");
            }
        }
        return parts;
    }

    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

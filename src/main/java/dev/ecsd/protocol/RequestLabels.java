package dev.ecsd.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The region, service and operation an AWS request names, read cheaply and without verifying anything, for ecsd's
 * own metrics: the region and service from the signature's credential scope (read once), the operation from
 * {@code X-Amz-Target} (JSON), the path (RPC v2 CBOR) or {@code Action} (Query). A name that is absent or not a plain
 * identifier is {@code unknown}.
 */
record RequestLabels(String region, String service, String operation) {
    static final String UNKNOWN = "unknown";
    private static final int MAX_NAME = 64;

    static RequestLabels of(SigV4Verifier.HttpRequestParts request) {
        String[] scope = scope(request);
        return scope.length == 5 ? new RequestLabels(plain(scope[2]), plain(scope[3]), operation(request))
                : new RequestLabels(UNKNOWN, UNKNOWN, operation(request));
    }

    /** {@code <key>/<date>/<region>/<service>/aws4_request} split at its slashes, or an empty array. */
    private static String[] scope(SigV4Verifier.HttpRequestParts request) {
        List<String> authorizations = request.headerValues("Authorization");
        if (authorizations.size() != 1) {
            return new String[0];
        }
        String header = authorizations.getFirst();
        int credential = header.indexOf("Credential=");
        if (credential < 0) {
            return new String[0];
        }
        int end = header.indexOf(',', credential);
        return header.substring(credential + "Credential=".length(), end < 0 ? header.length() : end).trim()
                .split("/");
    }

    private static String operation(SigV4Verifier.HttpRequestParts request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            return plain(target.substring(target.lastIndexOf('.') + 1));
        }
        String path = request.rawPath();
        if (path.startsWith(RpcV2CborDispatcher.PATH_PREFIX)) {
            return plain(path.substring(path.lastIndexOf('/') + 1));
        }
        String action = action(request.rawQuery());
        if (action == null && request.body().length > 0) {
            // the SDKs put Action first: a prefix is enough, and a large form is not copied whole
            action = action(new String(request.body(), 0, Math.min(request.body().length, 4096),
                    StandardCharsets.ISO_8859_1));
        }
        return action == null ? UNKNOWN : plain(action);
    }

    /** The value of {@code Action} in a form or query string, or null. */
    private static String action(String form) {
        if (form == null) {
            return null;
        }
        int at = form.startsWith("Action=") ? 0 : form.indexOf("&Action=");
        if (at < 0) {
            return null;
        }
        int start = form.indexOf('=', at) + 1;
        int end = form.indexOf('&', start);
        return form.substring(start, end < 0 ? form.length() : end);
    }

    /** The name itself when it is a plain identifier of a sane length, else {@code unknown}. */
    static String plain(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return UNKNOWN;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return UNKNOWN;
            }
        }
        return name;
    }
}

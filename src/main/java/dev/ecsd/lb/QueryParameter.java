package dev.ecsd.lb;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One {@code key=value} of a query string, decoded, as a query-string condition sees it. */
record QueryParameter(String key, String value) {

    public static List<QueryParameter> parse(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<QueryParameter> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(new QueryParameter(decode(key), decode(value)));
        }
        return parameters;
    }

    /** A malformed escape is kept as sent: a condition then compares it literally instead of refusing the request. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}

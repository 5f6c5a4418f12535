package dev.ecsd.api.logs;

import dev.ecsd.logs.EventPosition;
import dev.ecsd.model.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pagination tokens of log event reads, each a position in the (timestamp, id) order of events.
 *
 * <p>GetLogEvents: {@code f/<digits>/s} reads forward, strictly after the position, and {@code b/<digits>/s}
 * backward, strictly before it, shaped like CloudWatch's own. The digits are the timestamp and the event id, 19 of
 * each, so a position has exactly one token and a client can compare tokens as strings: that is how it learns it
 * has reached the end (the same token comes back).
 *
 * <p>FilterLogEvents: an opaque {@code nextToken} naming the position of the last event returned.
 */
final class EventTokens {
    private static final Pattern STREAM_TOKEN = Pattern.compile("([fb])/(\\d{19})(\\d{19})/s");
    private static final String FILTER_PREFIX = "filter/v1/";

    private EventTokens() {
    }

    /** A parsed GetLogEvents token. */
    record StreamToken(boolean forward, EventPosition position) {
    }

    static String forward(EventPosition position) {
        return "f/" + digits(position) + "/s";
    }

    static String backward(EventPosition position) {
        return "b/" + digits(position) + "/s";
    }

    static StreamToken parseStreamToken(String token) {
        Matcher matcher = STREAM_TOKEN.matcher(token);
        if (!matcher.matches()) {
            throw invalid();
        }
        try {
            return new StreamToken(matcher.group(1).equals("f"),
                    new EventPosition(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3))));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    static String filterToken(EventPosition after) {
        String text = FILTER_PREFIX + after.timestamp() + "/" + after.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static EventPosition parseFilterToken(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(FILTER_PREFIX)) {
                String[] parts = text.substring(FILTER_PREFIX.length()).split("/");
                if (parts.length == 2) {
                    return new EventPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64 or not numbers: refused below
        }
        throw invalid();
    }

    private static String digits(EventPosition position) {
        return String.format("%019d%019d", position.timestamp(), position.id());
    }

    private static ApiException invalid() {
        return ApiException.invalidParameter("The specified nextToken is invalid.");
    }
}

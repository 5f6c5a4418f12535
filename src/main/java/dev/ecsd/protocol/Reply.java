package dev.ecsd.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer: status, content type, extra headers and body. */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static Reply text(int status, String text) {
        return new Reply(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply json(int status, String json) {
        return new Reply(status, "application/json", Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.ecsd.console;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the console answers: a status, a type, headers of its own and the body. */
public record ConsoleAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String HTML = "text/html; charset=utf-8";

    public static ConsoleAnswer html(String page) {
        return html(200, page);
    }

    public static ConsoleAnswer html(int status, String page) {
        return new ConsoleAnswer(status, HTML, Map.of(), page.getBytes(StandardCharsets.UTF_8));
    }

    /** A redirect after a form's POST (303: the browser follows it with a GET). */
    public static ConsoleAnswer seeOther(String location) {
        return new ConsoleAnswer(303, "text/plain; charset=utf-8", Map.of("Location", location), new byte[0]);
    }

    public static ConsoleAnswer text(int status, String message) {
        return new ConsoleAnswer(status, "text/plain; charset=utf-8", Map.of(),
                message.getBytes(StandardCharsets.UTF_8));
    }
}

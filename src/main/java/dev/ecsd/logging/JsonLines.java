package dev.ecsd.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * The JSON format: one object per line with {@code time}, {@code level}, {@code logger} and {@code message}, then the
 * event's key/values as fields of their own (numbers and booleans as such, anything else as a string), and
 * {@code error} with the stack trace when the event carries one. A key/value named like one of those fields is
 * written with a leading underscore, so it cannot hide them; when a key is given twice the last value wins.
 */
final class JsonLines {
    private static final Set<String> RESERVED = Set.of("time", "level", "logger", "message", "error");

    private JsonLines() {
    }

    static String format(LogEntry entry) {
        StringBuilder line = new StringBuilder(160);
        line.append("{\"time\":");
        string(line, LogTimes.format(entry.time()));
        line.append(",\"level\":");
        string(line, entry.level().name());
        line.append(",\"logger\":");
        string(line, entry.logger());
        line.append(",\"message\":");
        string(line, entry.message() == null ? "" : entry.message());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : entry.keyValues()) {
            String key = pair.key == null ? "null" : pair.key;
            fields.put(RESERVED.contains(key) ? "_" + key : key, pair.value);
        }
        fields.forEach((key, value) -> {
            line.append(',');
            string(line, key);
            line.append(':');
            value(line, value);
        });
        if (entry.error() != null) {
            StringWriter trace = new StringWriter();
            entry.error().printStackTrace(new PrintWriter(trace));
            line.append(",\"error\":");
            string(line, trace.toString().stripTrailing());
        }
        return line.append('}').toString();
    }

    private static void value(StringBuilder line, Object value) {
        switch (value) {
            case null -> line.append("null");
            case Boolean b -> line.append(b);
            case Integer n -> line.append(n);
            case Long n -> line.append(n);
            case Short n -> line.append(n);
            case Byte n -> line.append(n);
            case BigInteger n -> line.append(n);
            case BigDecimal n -> line.append(n.toString());
            case Double d when Double.isFinite(d) -> line.append(d);
            case Float f when Float.isFinite(f) -> line.append(f);
            default -> string(line, String.valueOf(value));
        }
    }

    /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}

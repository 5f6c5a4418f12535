package dev.ecsd.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.event.KeyValuePair;

/**
 * The text format: {@code 2026-12-05T08:50:01.123Z INFO  ecsd.server message key=value key2="quoted value"}. One
 * event is one line (line breaks in a message are written as {@code \n}); an error's stack trace follows on its own
 * lines, as Java prints it.
 */
final class TextLines {

    private TextLines() {
    }

    static String format(LogEntry entry) {
        StringBuilder line = new StringBuilder(128);
        line.append(LogTimes.format(entry.time()));
        line.append(' ').append(entry.level().name());
        line.append(" ".repeat(Math.max(1, 6 - entry.level().name().length())));
        line.append(entry.logger()).append(' ');
        appendOneLine(line, entry.message());
        for (KeyValuePair pair : entry.keyValues()) {
            line.append(' ').append(pair.key).append('=');
            appendValue(line, pair.value == null ? "null" : String.valueOf(pair.value));
        }
        if (entry.error() != null) {
            StringWriter trace = new StringWriter();
            entry.error().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.toString();
    }

    private static void appendOneLine(StringBuilder line, String message) {
        if (message == null) {
            return;
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    /** A value bare when it can be read back unambiguously, else in double quotes with its specials escaped. */
    static void appendValue(StringBuilder line, String value) {
        if (isBare(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static boolean isBare(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}

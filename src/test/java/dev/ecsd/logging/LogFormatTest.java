package dev.ecsd.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/** The two line formats, as pure functions of one entry. */
class LogFormatTest {
    private static final Instant AT = Instant.parse("2026-12-05T08:50:01.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LogEntry entry(Level level, String message, KeyValuePair... pairs) {
        return new LogEntry(AT, level, "ecsd.server", message, List.of(pairs), null);
    }

    @Test
    void textIsTimeLevelLoggerMessageThenKeyValues() {
        assertThat(LogFormat.TEXT.format(entry(Level.INFO, "API listening",
                new KeyValuePair("url", "http://127.0.0.1:4566"), new KeyValuePair("tasks", 3))))
                .isEqualTo("2026-12-05T08:50:01.123Z INFO  ecsd.server API listening "
                        + "url=http://127.0.0.1:4566 tasks=3");
        assertThat(LogFormat.TEXT.format(entry(Level.ERROR, "m")))
                .isEqualTo("2026-12-05T08:50:01.123Z ERROR ecsd.server m");
    }

    @Test
    void textShowsMillisecondsEvenWhenThereAreNone() {
        LogEntry whole = new LogEntry(Instant.parse("2026-12-05T08:50:01Z"), Level.WARN, "x", "m", List.of(), null);
        assertThat(LogFormat.TEXT.format(whole)).isEqualTo("2026-12-05T08:50:01.000Z WARN  x m");
    }

    @Test
    void textQuotesValuesWithSpacesQuotesEqualsOrNothing() {
        String line = LogFormat.TEXT.format(entry(Level.WARN, "task failed",
                new KeyValuePair("reason", "CannotPullContainerError: pull \"x\" failed"),
                new KeyValuePair("empty", ""), new KeyValuePair("pair", "a=b"), new KeyValuePair("path", "C:\\x"),
                new KeyValuePair("lines", "one\ntwo\tthree"), new KeyValuePair("none", null),
                new KeyValuePair("bell", "\u0007")));
        assertThat(line).endsWith(" task failed reason=\"CannotPullContainerError: pull \\\"x\\\" failed\" "
                + "empty=\"\" pair=\"a=b\" path=\"C:\\\\x\" lines=\"one\\ntwo\\tthree\" none=null bell=\"\\u0007\"");
    }

    @Test
    void textKeepsAnEventOnOneLineUnlessItHasAStackTrace() {
        assertThat(LogFormat.TEXT.format(entry(Level.INFO, "first\nsecond"))).doesNotContain("\n")
                .endsWith("first\\nsecond");
        LogEntry failed = new LogEntry(AT, Level.ERROR, "ecsd.x", "boom", List.of(),
                new IllegalStateException("why"));
        assertThat(LogFormat.TEXT.format(failed).lines().toList())
                .first().isEqualTo("2026-12-05T08:50:01.123Z ERROR ecsd.x boom");
        assertThat(LogFormat.TEXT.format(failed).lines().skip(1).findFirst())
                .hasValue("java.lang.IllegalStateException: why");
    }

    @Test
    void jsonIsOneObjectWithTheKeyValuesAsFields() throws Exception {
        String line = LogFormat.JSON.format(entry(Level.WARN, "deployment failed",
                new KeyValuePair("service", "web"), new KeyValuePair("failedTasks", 3),
                new KeyValuePair("rollback", true), new KeyValuePair("ratio", 0.5), new KeyValuePair("none", null)));
        assertThat(line).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("time").asText()).isEqualTo("2026-12-05T08:50:01.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("ecsd.server");
        assertThat(json.get("message").asText()).isEqualTo("deployment failed");
        assertThat(json.get("service").asText()).isEqualTo("web");
        assertThat(json.get("failedTasks").isInt()).isTrue();
        assertThat(json.get("failedTasks").asInt()).isEqualTo(3);
        assertThat(json.get("rollback").isBoolean()).isTrue();
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(json.get("none").isNull()).isTrue();
    }

    @Test
    void jsonEscapesEverythingThatWouldBreakTheLine() throws Exception {
        String nasty = "quote \" backslash \\ newline \n tab \t cr \r nul \u0000 unit \u001f é 🐳";
        String line = LogFormat.JSON.format(entry(Level.INFO, nasty, new KeyValuePair("value", nasty),
                new KeyValuePair("object", new StringBuilder("built"))));
        assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("message").asText()).isEqualTo(nasty);
        assertThat(json.get("value").asText()).isEqualTo(nasty);
        assertThat(json.get("object").asText()).isEqualTo("built");
    }

    @Test
    void jsonKeyValuesCannotHideTheFixedFieldsAndTheLastOfTwinsWins() throws Exception {
        JsonNode json = JSON.readTree(LogFormat.JSON.format(entry(Level.INFO, "real",
                new KeyValuePair("message", "fake"), new KeyValuePair("level", "ERROR"),
                new KeyValuePair("n", 1), new KeyValuePair("n", 2))));
        assertThat(json.get("message").asText()).isEqualTo("real");
        assertThat(json.get("_message").asText()).isEqualTo("fake");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("_level").asText()).isEqualTo("ERROR");
        assertThat(json.get("n").asInt()).isEqualTo(2);
    }

    @Test
    void jsonCarriesTheStackTraceAsOneString() throws Exception {
        LogEntry failed = new LogEntry(AT, Level.ERROR, "ecsd.x", "boom", List.of(),
                new IllegalStateException("why"));
        JsonNode json = JSON.readTree(LogFormat.JSON.format(failed));
        assertThat(json.get("error").asText()).startsWith("java.lang.IllegalStateException: why\n\tat ");
    }

    @Test
    void formatsAndLevelsAreParsedAsTheOptionsSpellThem() {
        assertThat(LogFormat.parse("json")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse("TEXT")).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessage("must be text or json, not xml");
        assertThat(LogLevels.parse("warn")).isEqualTo(Level.WARN);
        assertThat(LogLevels.parse("Trace")).isEqualTo(Level.TRACE);
        assertThatThrownBy(() -> LogLevels.parse("verbose"))
                .hasMessage("must be error, warn, info, debug or trace, not verbose");
    }
}

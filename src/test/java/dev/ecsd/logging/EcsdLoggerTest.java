package dev.ecsd.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** SLF4J finds ecsd's provider, and its loggers honour the settings of the moment, key/values included. */
class EcsdLoggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private Level levelBefore;
    private LogFormat formatBefore;

    @BeforeEach
    void captureLines() {
        levelBefore = LogSettings.level();
        formatBefore = LogSettings.format();
        LogSettings.writeTo(new PrintStream(written, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        LogSettings.writeTo(null);
        LogSettings.configure(formatBefore, levelBefore);
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void slf4jUsesEcsdsProvider() {
        assertThat(LoggerFactory.getLogger(EcsdLoggerTest.class)).isInstanceOf(EcsdLogger.class);
    }

    @Test
    void theFluentApisKeyValuesAndTheClassicArgumentsBothReachTheLine() throws Exception {
        LogSettings.configure(LogFormat.JSON, Level.INFO);
        Logger log = LoggerFactory.getLogger("dev.ecsd.control.Example");
        log.atWarn().addKeyValue("task", "abc").addKeyValue("exitCode", 137).log("task {} stopped", "abc");
        log.info("plain {} and {}", 1, "two");
        assertThat(lines()).hasSize(2);
        JsonNode fluent = JSON.readTree(lines().get(0));
        assertThat(fluent.get("logger").asText()).as("ecsd's own loggers lose the dev. of their package")
                .isEqualTo("ecsd.control.Example");
        assertThat(fluent.get("message").asText()).isEqualTo("task abc stopped");
        assertThat(fluent.get("task").asText()).isEqualTo("abc");
        assertThat(fluent.get("exitCode").asInt()).isEqualTo(137);
        assertThat(JSON.readTree(lines().get(1)).get("message").asText()).isEqualTo("plain 1 and two");
    }

    @Test
    void aThrowableLastArgumentIsTheEventsErrorInBothApis() throws Exception {
        LogSettings.configure(LogFormat.JSON, Level.INFO);
        Logger log = LoggerFactory.getLogger("dev.ecsd.x");
        log.error("failed {}", "here", new IllegalStateException("one"));
        log.atError().log("failed {}", "there", new IllegalStateException("two"));
        assertThat(JSON.readTree(lines().get(0)).get("message").asText()).isEqualTo("failed here");
        assertThat(JSON.readTree(lines().get(0)).get("error").asText())
                .startsWith("java.lang.IllegalStateException: one");
        assertThat(JSON.readTree(lines().get(1)).get("message").asText()).isEqualTo("failed there");
        assertThat(JSON.readTree(lines().get(1)).get("error").asText())
                .startsWith("java.lang.IllegalStateException: two");
    }

    @Test
    void eventsBelowTheLevelAreDroppedAndTheLevelAppliesToLoggersMadeBefore() {
        Logger log = LoggerFactory.getLogger("dev.ecsd.y");
        LogSettings.configure(LogFormat.TEXT, Level.WARN);
        log.info("hidden info");
        log.atInfo().addKeyValue("k", "v").log("hidden fluent info");
        log.debug("hidden debug");
        log.warn("shown warning");
        log.error("shown error");
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).contains(" WARN  ecsd.y shown warning");
        assertThat(lines().get(1)).contains(" ERROR ecsd.y shown error");

        written.reset();
        LogSettings.configure(LogFormat.TEXT, Level.TRACE);
        log.trace("now shown");
        assertThat(lines()).singleElement().asString().contains(" TRACE ecsd.y now shown");
    }

    @Test
    void jettyAndDockerJavaSayWarningsOnlyAtAnyLevel() {
        LogSettings.configure(LogFormat.TEXT, Level.DEBUG);
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("Started");
        LoggerFactory.getLogger("com.github.dockerjava.core.Something").debug("chatter");
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("a real problem");
        LoggerFactory.getLogger("dev.ecsd.z").debug("ours");
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).endsWith("WARN  org.eclipse.jetty.server.Server a real problem");
        assertThat(lines().get(1)).endsWith("DEBUG ecsd.z ours");

        written.reset();
        LogSettings.configure(LogFormat.TEXT, Level.ERROR);
        LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("not at error");
        assertThat(lines()).isEmpty();
    }
}

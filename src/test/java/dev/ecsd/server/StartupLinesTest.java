package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.AgentStartup;
import dev.ecsd.logging.LogFormat;
import dev.ecsd.logging.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The serving server's startup lines for each runtime it can find, and the re-adopted tasks of every region. */
class StartupLinesTest {
    private static final URI API = URI.create("http://127.0.0.1:4566");
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private Level level;
    private LogFormat format;

    @BeforeEach
    void captureLines() {
        level = LogSettings.level();
        format = LogSettings.format();
        LogSettings.configure(LogFormat.JSON, Level.INFO);
        LogSettings.writeTo(new PrintStream(written, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        LogSettings.writeTo(null);
        LogSettings.configure(format, level);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void aDockerEngineThatAnswersAndTheTasksOfEveryRegion() throws Exception {
        StartupLines.serving(API, false, List.of(new AgentStartup("Docker Engine 28.2.2 (API 1.50, linux/amd64) at "
                + "unix:///var/run/docker.sock", null, 2), new AgentStartup("Docker Engine 28.2.2", null, 1)));

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(line -> line.get("message").asText()).containsExactly(
                "API on http://127.0.0.1:4566 (every AWS API ecsd speaks, every region of the aws partition)",
                "console on http://127.0.0.1:4566/ui/",
                "Prometheus metrics on http://127.0.0.1:4566/metrics",
                "runtime: Docker Engine 28.2.2 (API 1.50, linux/amd64) at unix:///var/run/docker.sock",
                "re-adopted 3 running tasks from their containers");
        assertThat(lines.get(3).get("runtime").asText()).isEqualTo("docker");
        assertThat(lines.get(4).get("readoptedTasks").asInt()).isEqualTo(3);
        assertThat(lines).extracting(line -> line.get("logger").asText()).containsOnly("ecsd.server");
    }

    @Test
    void noEngineIsAWarningThatSaysWhatToDo() throws Exception {
        StartupLines.serving(API, false, List.of(new AgentStartup(null, "connection refused", 0)));

        JsonNode runtime = lines().get(3);
        assertThat(runtime.get("level").asText()).isEqualTo("WARN");
        assertThat(runtime.get("failure").asText()).isEqualTo("connection refused");
        assertThat(runtime.get("message").asText()).startsWith("runtime: no Docker Engine answers (connection refused)")
                .contains("start Docker (or point DOCKER_HOST at one)").contains("--runtime simulated");
        assertThat(lines().get(4).get("message").asText())
                .isEqualTo("re-adopted 0 running tasks from their containers");
    }

    @Test
    void theSimulatedRuntimeSaysItRunsNoContainers() throws Exception {
        StartupLines.serving(API, true, List.of(new AgentStartup("simulated runtime with 0 containers", null, 1)));

        assertThat(lines().get(3).get("message").asText()).startsWith("runtime: simulated, no containers run");
        assertThat(lines().get(3).get("runtime").asText()).isEqualTo("simulated");
        assertThat(lines().get(4).get("message").asText()).isEqualTo("re-adopted 1 running task from their containers");
    }

    @Test
    void theVersionIsDevOutsideABuiltJar() {
        assertThat(StartupLines.version()).isEqualTo(StartupLines.UNKNOWN_VERSION);
    }
}

package dev.ecsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The design's layering: the AWS SDK stays at the edge (protocol and api), and the layers below it do not
 * reach up into the ones above.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/ecsd");

    @ParameterizedTest
    @ValueSource(strings = {"model", "state", "scheduler", "control", "agent", "logs", "metrics", "secrets", "sqlite",
            "channel", "time", "lb", "registry", "telemetry"})
    void theSdkStaysAtTheEdge(String layer) throws IOException {
        assertThat(importsIn(layer, "software.amazon.awssdk")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "state", "scheduler", "control", "agent", "logs", "metrics", "secrets", "sqlite",
            "channel", "time", "lb", "registry", "telemetry"})
    void lowerLayersDoNotDependOnTheApiOrTheWire(String layer) throws IOException {
        assertThat(importsIn(layer, "dev.ecsd.api")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.protocol")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.server")).isEmpty();
    }

    /** The agent knows the control plane only through its channel: never the store, never a controller. */
    @ParameterizedTest
    @ValueSource(strings = {"agent", "channel"})
    void theAgentTalksToTheControlPlaneOnlyThroughItsChannel(String layer) throws IOException {
        assertThat(importsIn(layer, "dev.ecsd.state")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.control")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.scheduler")).isEmpty();
    }

    /**
     * The data planes (the load balancer, the image registry's front) are told the configuration and report what they
     * see: they never touch the state.
     */
    @ParameterizedTest
    @ValueSource(strings = {"lb", "registry"})
    void theDataPlaneKnowsNeitherTheStoreNorTheControllers(String layer) throws IOException {
        assertThat(importsIn(layer, "dev.ecsd.state")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.control")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.agent")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "scheduler", "channel", "time"})
    void pureLayersDoNoIo(String layer) throws IOException {
        assertThat(importsIn(layer, "dev.ecsd.state")).isEmpty();
        assertThat(importsIn(layer, "java.sql")).isEmpty();
        assertThat(importsIn(layer, "java.net")).isEmpty();
        assertThat(importsIn(layer, "dev.ecsd.agent")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "state", "scheduler", "control", "metrics", "secrets", "sqlite", "channel",
            "time", "lb", "registry", "telemetry"})
    void onlyTheAgentTalksToTheContainerRuntime(String layer) throws IOException {
        assertThat(importsIn(layer, "dev.ecsd.agent")).isEmpty();
        assertThat(importsIn(layer, "com.github.dockerjava")).isEmpty();
    }

    /**
     * The web console reads state and acts through the control plane's commands, as the API does: it knows neither
     * the AWS SDK nor the wire, nor the agents and their runtimes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"software.amazon.awssdk", "dev.ecsd.api", "dev.ecsd.protocol", "dev.ecsd.server",
            "dev.ecsd.agent", "com.github.dockerjava"})
    void theConsoleStaysAPresentationOfTheControlPlane(String prefix) throws IOException {
        assertThat(importsIn("console", prefix)).isEmpty();
    }

    /** ecsd's own telemetry is told by the layers through its small interfaces: it knows none of them. */
    @ParameterizedTest
    @ValueSource(strings = {"dev.ecsd.state", "dev.ecsd.control", "dev.ecsd.model", "dev.ecsd.metrics"})
    void telemetryKnowsNoLayerItMeasures(String prefix) throws IOException {
        assertThat(importsIn("telemetry", prefix)).isEmpty();
    }

    /** Micrometer stays inside the telemetry package: the layers record through its interfaces. */
    @ParameterizedTest
    @ValueSource(strings = {"model", "state", "scheduler", "control", "agent", "logs", "metrics", "protocol", "api",
            "lb", "registry"})
    void micrometerStaysInTelemetry(String layer) throws IOException {
        assertThat(importsIn(layer, "io.micrometer")).isEmpty();
    }

    /** The logging provider is below every layer: any of them may log through it, and it knows none of them. */
    @ParameterizedTest
    @ValueSource(strings = {"dev.ecsd.", "software.amazon.awssdk", "com.fasterxml"})
    void loggingDependsOnNothingButSlf4j(String prefix) throws IOException {
        assertThat(importsIn("logging", prefix)).isEmpty();
    }

    private static List<String> importsIn(String layer, String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        Path directory = SOURCES.resolve(layer);
        assertThat(directory).as("the %s layer's sources", layer).isDirectory();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.trim();
                    if ((trimmed.startsWith("import " + prefix) || trimmed.startsWith("import static " + prefix))) {
                        found.add(SOURCES.relativize(file) + ": " + trimmed);
                    }
                }
            }
        }
        return found;
    }
}

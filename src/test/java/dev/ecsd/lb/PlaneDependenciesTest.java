package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data plane is fed the model and reports through its callback: it reaches into no other layer. */
class PlaneDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/ecsd/lb");

    @ParameterizedTest
    @ValueSource(strings = {"dev.ecsd.state", "dev.ecsd.control", "dev.ecsd.api", "dev.ecsd.protocol",
            "dev.ecsd.server", "dev.ecsd.agent", "dev.ecsd.scheduler", "software.amazon.awssdk"})
    void thePlaneDoesNotImport(String prefix) throws IOException {
        assertThat(importsOf(prefix)).isEmpty();
    }

    private static List<String> importsOf(String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                try {
                    return Files.readAllLines(file).stream().map(String::trim)
                            .filter(line -> line.startsWith("import " + prefix) || line.startsWith("import static " + prefix))
                            .map(line -> file.getFileName() + ": " + line);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}

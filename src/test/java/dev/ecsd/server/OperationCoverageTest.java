package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ecsd.server.OperationCoverage.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's operation coverage tables are the dispatch tables': rebuilt here from every API's registration, they
 * must equal the README's. When they differ the test fails, prints the tables and writes them to
 * {@code target/operation-coverage.md}; run it with {@code -Decsd.updateReadme=true} to write them into README.md.
 */
class OperationCoverageTest {
    private static final Path README = Path.of("README.md");
    private static final Path EXPECTED = Path.of("target", "operation-coverage.md");

    @Test
    void theReadmeTablesAreTheDispatchTables() throws IOException {
        String expected = OperationCoverage.render(ServedApis.all());
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("ecsd.updateReadme")) {
            Files.writeString(README, OperationCoverage.replaceSection(readme, expected), StandardCharsets.UTF_8);
            readme = Files.readString(README, StandardCharsets.UTF_8);
        }
        String actual = OperationCoverage.section(readme).orElse("(no " + OperationCoverage.START + " in README.md)");
        if (!actual.equals(expected)) {
            Files.createDirectories(EXPECTED.getParent());
            Files.writeString(EXPECTED, expected + "\n", StandardCharsets.UTF_8);
            fail("README.md's operation coverage differs from the dispatch tables. Regenerate it with\n"
                    + "  mvn test -Dtest=OperationCoverageTest -Decsd.updateReadme=true\n"
                    + "or paste " + EXPECTED + ", which holds:\n" + expected);
        }
    }

    @Test
    void theTablesListEveryOperationOfTheSdkAndMarkTheImplementedOnes() {
        Api ecs = ServedApis.all().getFirst();
        String rendered = OperationCoverage.render(List.of(ecs));

        assertThat(ecs.operations().apiOperations()).contains("CreateCluster", "PutAccountSetting", "CreateTaskSet",
                "ExecuteCommand");
        assertThat(rendered).contains("| CreateCluster | implemented |", "| PutAccountSetting | implemented |",
                "| ExecuteCommand | NotImplementedException |");
        assertThat(rendered.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| Operation")))
                .hasSize(ecs.operations().apiOperations().size());
    }

    @Test
    void replacingTheSectionKeepsTheRestOfTheReadme() {
        String readme = "before\n" + OperationCoverage.START + "\nold\n" + OperationCoverage.END + "\nafter\n";

        String replaced = OperationCoverage.replaceSection(readme, OperationCoverage.START + "\nnew\n"
                + OperationCoverage.END);

        assertThat(replaced).isEqualTo("before\n" + OperationCoverage.START + "\nnew\n" + OperationCoverage.END
                + "\nafter\n");
    }
}

package dev.ecsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.state.SqliteBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
    @TempDir
    Path dataDirectory;

    @Test
    void refusesADataDirectoryAnotherServerUses() {
        try (SqliteBackend inUse = SqliteBackend.open(dataDirectory.resolve("state.db"))) {
            StringWriter err = new StringWriter();

            int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                    .execute("--port", "0", "--data-dir", dataDirectory.toString());

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).startsWith("ecsd: ").contains("in use by another ecsd server")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void refusesANonLoopbackAddressWithTheDefaultCredentials() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--bind", "0.0.0.0", "--port", "0", "--data-dir", dataDirectory.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--access-key-id").contains("--secret-access-key");
    }

    @Test
    void refusesAMetricPeriodOutsideOneToSixtySeconds() {
        for (String period : new String[] {"0", "61"}) {
            StringWriter err = new StringWriter();

            int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                    .execute("--metric-period-seconds", period, "--port", "0", "--data-dir", dataDirectory.toString());

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString()).contains("--metric-period-seconds must be between 1 and 60, not " + period);
        }
    }

    @Test
    void theHelpDescribesTheMetricPeriodAndItsVariable() {
        StringWriter out = new StringWriter();

        new CommandLine(new ServerCommand()).setOut(new PrintWriter(out, true)).execute("--help");

        assertThat(out.toString()).contains("--metric-period-seconds=SECONDS").contains("ECSD_METRIC_PERIOD_SECONDS")
                .contains("(default: 60)");
    }

    @Test
    void refusesASecretsKeyThatIsNotBase64Of32BytesWithoutPrintingIt() {
        for (String key : new String[] {"c2hvcnQta2V5LXRoYXQtaXMtdG9vLXNob3J0", "not base64 at all!"}) {
            StringWriter err = new StringWriter();

            int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                    .execute("--secrets-key", key, "--port", "0", "--data-dir", dataDirectory.toString());

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString()).startsWith("ecsd: --secrets-key: ").doesNotContain(key)
                    .doesNotContain("Exception");
        }
    }

    @Test
    void theHelpDescribesTheSecretsKeyAndItsVariable() {
        StringWriter out = new StringWriter();

        new CommandLine(new ServerCommand()).setOut(new PrintWriter(out, true)).execute("--help");

        assertThat(out.toString()).contains("--secrets-key=BASE64").contains("ECSD_SECRETS_KEY")
                .contains("secrets.key");
    }
}

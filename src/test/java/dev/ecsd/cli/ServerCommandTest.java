package dev.ecsd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.EcsQuotas;
import dev.ecsd.server.ServerConfig;
import dev.ecsd.state.SqliteBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
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
    void quotasComeFromTheEnvironmentThenTheFlags() {
        EcsQuotas quotas = ServerCommand.quotas("clusters=3,tasks-per-service=9,", List.of("tasks-per-service=5",
                "services-per-cluster=2"));

        assertThat(quotas).isEqualTo(new EcsQuotas(3, 2, 5, 5_000, 1_000_000));
        assertThat(ServerCommand.quotas(null, List.of())).isEqualTo(EcsQuotas.ECS);
    }

    @Test
    void refusesAQuotaItDoesNotKnow() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--port", "0", "--data-dir", dataDirectory.toString(), "--quota", "tasks=3");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).startsWith("ecsd: --quota: 'tasks=3' is not name=value")
                .contains("tasks-per-service");
    }

    @Test
    void theHelpDescribesTheQuotasAndTheirVariable() {
        StringWriter out = new StringWriter();

        new CommandLine(new ServerCommand()).setOut(new PrintWriter(out, true)).execute("--help");

        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--quota=NAME=VALUE").contains("ECSD_QUOTAS")
                .contains("tasks-per-service (5000");
    }

    @Test
    void refusesALogFormatOrLevelItDoesNotKnowBeforeLoggingAnything() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true));

        assertThat(command.execute("--port", "0", "--data-dir", dataDirectory.toString(), "--log-format", "xml"))
                .isEqualTo(2);
        assertThat(command.execute("--port", "0", "--data-dir", dataDirectory.toString(), "--log-level", "verbose"))
                .isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("ecsd: --log-format must be text or json, not xml.",
                "ecsd: --log-level must be error, warn, info, debug or trace, not verbose.");
    }

    @Test
    void theHelpDescribesTheLogOptionsAndTheirVariables() {
        StringWriter out = new StringWriter();

        new CommandLine(new ServerCommand()).setOut(new PrintWriter(out, true)).execute("--help");

        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--log-format=FORMAT").contains("ECSD_LOG_FORMAT")
                .contains("(default: text)").contains("--log-level=LEVEL").contains("ECSD_LOG_LEVEL")
                .contains("(default: info)");
    }

    @Test
    void refusesATaskEndpointPortOutOfRange() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--port", "0", "--data-dir", dataDirectory.toString(), "--task-endpoint-port", "70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--task-endpoint-port must be between 0 and 65535, not 70000");
    }

    @Test
    void refusesANegativeSpotInterruptionRate() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--port", "0", "--data-dir", dataDirectory.toString(), "--spot-interruption-rate", "-1");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--spot-interruption-rate must be 0 or more, not -1.0");
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
    void refusesANonLoopbackAddressWithTheDefaultCredentialsGivenExplicitly() {
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new ServerCommand()).setErr(new PrintWriter(err, true))
                .execute("--bind", "0.0.0.0", "--port", "0", "--data-dir", dataDirectory.toString(),
                        "--access-key-id", "test", "--secret-access-key", "test");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("well-known").contains("given explicitly");
    }

    @Test
    void theWellKnownSecretIsRefusedOnlyBeyondLoopback() {
        ServerConfig loopback = new ServerConfig("127.0.0.1", 0, dataDirectory, "us-east-1", "000000000000", "test",
                "test", false, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, ServerConfig.RUNTIME_SIMULATED);
        ServerConfig network = new ServerConfig("0.0.0.0", 0, dataDirectory, "us-east-1", "000000000000", "AKIDMINE",
                "test", false, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, ServerConfig.RUNTIME_SIMULATED);
        ServerConfig own = new ServerConfig("0.0.0.0", 0, dataDirectory, "us-east-1", "000000000000", "test",
                "a-long-secret-of-my-own", false, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, ServerConfig.RUNTIME_SIMULATED);

        assertThat(loopback.exposesWellKnownCredentials()).isFalse();
        assertThat(network.exposesWellKnownCredentials()).isTrue();
        assertThat(own.exposesWellKnownCredentials()).isFalse();
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

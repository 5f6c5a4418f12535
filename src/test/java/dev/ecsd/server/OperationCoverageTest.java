package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ecsd.api.autoscaling.AutoScalingApi;
import dev.ecsd.api.cloudwatch.AlarmOperations;
import dev.ecsd.api.cloudwatch.CloudWatchApi;
import dev.ecsd.api.cloudwatch.MetricOperations;
import dev.ecsd.api.ecs.EcsApi;
import dev.ecsd.api.elbv2.ElbApi;
import dev.ecsd.api.logs.LogsApi;
import dev.ecsd.api.secretsmanager.SecretsManagerApi;
import dev.ecsd.api.ssm.SsmApi;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.control.TaskLaunch;
import dev.ecsd.control.autoscaling.ServiceScaling;
import dev.ecsd.model.Arns;
import dev.ecsd.protocol.JsonService;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.server.OperationCoverage.Api;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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
        String expected = OperationCoverage.render(apis());
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
        Api ecs = apis().getFirst();
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

    /**
     * Every API ecsd serves, registered as {@link EcsdServer} registers it (a new service belongs here too), over
     * an in-memory store: only the operation tables are looked at.
     */
    private static List<Api> apis() {
        VirtualTimer timer = new VirtualTimer();
        StateStore store = StateStore.open(new MemoryBackend(), timer);
        Arns arns = new Arns(TestServer.REGION, TestServer.ACCOUNT);
        Random random = new Random(1);
        ServiceCommands commands = new ServiceCommands(store, random::nextLong);
        ValueCipher cipher = ValueCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        ServiceProtocols cloudWatch = CloudWatchApi.service(List.of(new MetricOperations(null, timer)::register,
                new AlarmOperations(store, arns, () -> { })::register));
        ServiceProtocols autoScaling = AutoScalingApi.service(store, arns,
                new ServiceScaling(arns, commands, () -> UUID.randomUUID().toString()), () -> "id");
        return List.of(
                api("Amazon ECS",
                        EcsApi.service(store, arns, new TaskLaunch(arns, UUID::randomUUID, random), commands)),
                api("CloudWatch Logs", LogsApi.service(null, arns)),
                api("CloudWatch", json(cloudWatch)),
                new Api("Elastic Load Balancing v2", "elasticloadbalancing",
                        ElbApi.service(store, arns, random).operations()),
                api("Application Auto Scaling", json(autoScaling)),
                api("Secrets Manager", json(SecretsManagerApi.service(store, cipher, arns, random, () -> "id"))),
                api("SSM Parameter Store", json(SsmApi.service(store, arns.region(), arns.accountId(), cipher))));
    }

    private static Api api(String title, JsonService service) {
        return new Api(title, service.signingName(), service.operations());
    }

    private static JsonService json(ServiceProtocols service) {
        return service.json().orElseThrow();
    }
}

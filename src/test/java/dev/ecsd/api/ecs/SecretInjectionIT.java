package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerRuntime.RegistryAuth;
import dev.ecsd.agent.runtime.ContainerSpec;
import dev.ecsd.agent.runtime.SimulatedBehaviour;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RealTime;
import dev.ecsd.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Secrets injected at task start, through the SDK on the simulated runtime: the container's spec carries the values
 * its definition asks for, no API answer and no log line of the server shows them, a task keeps the values it
 * started with, and a secret that cannot be resolved stops the task before anything of it is created.
 */
class SecretInjectionIT {
    private static final String CLUSTER = "secrets";
    private static final String IMAGE = "busybox";
    private static final String PASSWORD = "s3cr3t-Pa55word";
    private static final String NEW_PASSWORD = "n3w-Pa55word";
    private static final String API_KEY = "abc123-Api-Key";
    private static final List<ContainerSpec> CREATED = new CopyOnWriteArrayList<>();
    private static SimulatedRuntime runtime;
    private static TestServer server;
    private static PrintStream originalErr;
    private static final ByteArrayOutputStream SERVER_LOG = new ByteArrayOutputStream();
    private EcsClient ecs;
    private SecretsManagerClient secretsManager;
    private SsmClient ssm;
    private EcsTasks tasks;

    @BeforeAll
    static void startServer() {
        // the server logs through SLF4J to System.err: keep a copy to look for values in it
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, SERVER_LOG), true, StandardCharsets.UTF_8));
        runtime = new SimulatedRuntime(RealTime.TIMER).addImage(IMAGE);
        // a rule that matches nothing but sees every spec the agent creates a container from
        runtime.when(spec -> {
            CREATED.add(spec);
            return false;
        }, SimulatedBehaviour.runsForever());
        server = TestServer.start(RealTime.TIMER, runtime);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        System.setErr(originalErr);
    }

    @BeforeEach
    void clients() {
        server.reset();
        CREATED.clear();
        ecs = server.ecs();
        secretsManager = server.secretsManager();
        ssm = server.ssm();
        tasks = new EcsTasks(ecs, CLUSTER);
        ecs.createCluster(r -> r.clusterName(CLUSTER));
    }

    @AfterEach
    void closeClients() {
        secretsManager.close();
        ssm.close();
    }

    @Test
    void aContainerSeesTheValuesItAsksForAndNoAnswerOrLogShowsThem() {
        String db = secretsManager.createSecret(r -> r.name("prod/db")
                .secretString("{\"username\":\"app\",\"password\":\"" + PASSWORD + "\"}")).arn();
        ssm.putParameter(r -> r.name("/prod/api-key").type(ParameterType.SECURE_STRING).value(API_KEY));
        ssm.putParameter(r -> r.name("/prod/hosts").type(ParameterType.STRING_LIST).value("a,b,c"));
        String definition = tasks.register("app", container("app",
                secret("DB_PASSWORD", db + ":password::"), secret("API_KEY", "/prod/api-key"),
                secret("HOSTS", "arn:aws:ssm:us-east-1:000000000000:parameter/prod/hosts")),
                container("side"));

        String first = tasks.run(definition);
        tasks.awaitStatus(first, "RUNNING");

        Map<String, String> environment = spec(first, "app").environment();
        assertThat(environment).containsEntry("DB_PASSWORD", PASSWORD).containsEntry("API_KEY", API_KEY)
                .containsEntry("HOSTS", "a,b,c").containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1").containsEntry("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE");
        assertThat(spec(first, "side").environment()).doesNotContainKeys("DB_PASSWORD", "API_KEY", "HOSTS");

        // a task started after the value changed sees the new one; the running task keeps its own
        secretsManager.putSecretValue(r -> r.secretId("prod/db")
                .secretString("{\"password\":\"" + NEW_PASSWORD + "\"}"));
        String second = tasks.run(definition);
        tasks.awaitStatus(second, "RUNNING");
        assertThat(spec(second, "app").environment()).containsEntry("DB_PASSWORD", NEW_PASSWORD);
        assertThat(spec(first, "app").environment()).containsEntry("DB_PASSWORD", PASSWORD);
        assertThat(tasks.describe(first).lastStatus()).isEqualTo("RUNNING");

        String answers = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(first, second)).toString()
                + ecs.describeTaskDefinition(r -> r.taskDefinition(definition)).toString();
        assertThat(answers).contains("DB_PASSWORD").doesNotContain(PASSWORD, NEW_PASSWORD, API_KEY);
        assertThat(serverLog()).isNotBlank().doesNotContain(PASSWORD, NEW_PASSWORD, API_KEY);
    }

    @Test
    void aMissingSecretStopsTheTaskBeforeAnythingOfItIsCreated() {
        String missing = "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/none-AbCdEf";
        String definition = tasks.register("broken", container("app", secret("DB_PASSWORD", missing + ":password::")));

        String task = tasks.run(definition);
        Task stopped = tasks.awaitStatus(task, "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry "
                + "auth: execution resource retrieval failed: unable to retrieve secret from asm: failed to fetch "
                + "secret " + missing + " from secrets manager: ResourceNotFoundException: Secrets Manager can't "
                + "find the specified secret.");
        assertThat(stopped.startedAt()).isNull();
        assertThat(CREATED).noneMatch(spec -> task.equals(spec.labels().get(ContainerSpecs.LABEL_TASK_ARN)));
    }

    @Test
    void aMissingParameterFailsAServicesTasksAndTheCircuitBreakerCountsThem() {
        String definition = tasks.register("broken", container("app", secret("API_KEY", "/prod/missing")));

        ecs.createService(fargateService(CLUSTER, "web", definition, 1)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(false)))
                .build());

        Service failing = await("the deployment counts failed tasks").atMost(EcsTasks.PATIENCE)
                .until(() -> ServiceRequests.describe(ecs, CLUSTER, "web"),
                        s -> s.deployments().getFirst().failedTasks() >= 1);
        assertThat(failing.deployments().getFirst().failedTasks()).isPositive();
        List<Task> stopped = ServiceRequests.tasks(ecs, CLUSTER, "web").stream()
                .filter(t -> "STOPPED".equals(t.lastStatus())).toList();
        assertThat(stopped).isNotEmpty().allSatisfy(t -> {
            assertThat(t.stopCodeAsString()).isEqualTo("TaskFailedToStart");
            assertThat(t.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry "
                    + "auth: execution resource retrieval failed: unable to retrieve secrets from ssm: invalid ssm "
                    + "parameters: /prod/missing");
        });
        assertThat(CREATED).isEmpty();
        // the third failure trips the breaker (its threshold is at least 3), which the service's events say
        Service tripped = await("the circuit breaker trips").atMost(EcsTasks.PATIENCE)
                .until(() -> ServiceRequests.describe(ecs, CLUSTER, "web"),
                        s -> s.deployments().getFirst().rolloutStateAsString().equals("FAILED"));
        assertThat(tripped.events()).anySatisfy(e -> assertThat(e.message()).endsWith("deployment failed: tasks "
                + "failed to start."));
    }

    @Test
    void anImageIsPulledWithTheRepositoryCredentialsItsContainerNames() {
        String image = "registry.example.com/team/private-app:1";
        String login = secretsManager.createSecret(r -> r.name("registry/login")
                .secretString("{\"username\":\"puller\",\"password\":\"" + PASSWORD + "\"}")).arn();
        String definition = tasks.register("private", ContainerDefinition.builder().name("app").image(image)
                .essential(true).repositoryCredentials(c -> c.credentialsParameter(login)).build());

        String task = tasks.run(definition);
        tasks.awaitStatus(task, "RUNNING");

        assertThat(runtime.pullLogin(image)).contains(new RegistryAuth("puller", PASSWORD));
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(definition)).taskDefinition()
                .containerDefinitions().getFirst().repositoryCredentials().credentialsParameter()).isEqualTo(login);
        assertThat(serverLog()).doesNotContain(PASSWORD);
    }

    @Test
    void missingRepositoryCredentialsStopTheTaskBeforeThePull() {
        String image = "registry.example.com/team/never-pulled:1";
        String definition = tasks.register("private", ContainerDefinition.builder().name("app").image(image)
                .essential(true).repositoryCredentials(c -> c.credentialsParameter("registry/none")).build());

        Task stopped = tasks.awaitStatus(tasks.run(definition), "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo("ResourceInitializationError: unable to pull secrets or registry "
                + "auth: execution resource retrieval failed: unable to retrieve secret from asm: failed to fetch "
                + "secret registry/none from secrets manager: ResourceNotFoundException: Secrets Manager can't find "
                + "the specified secret.");
        assertThat(runtime.pulled(image)).isFalse();
    }

    private ContainerSpec spec(String taskArn, String container) {
        return CREATED.stream().filter(s -> taskArn.equals(s.labels().get(ContainerSpecs.LABEL_TASK_ARN))
                        && container.equals(s.labels().get(ContainerSpecs.LABEL_CONTAINER_NAME)))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + container + " of " + taskArn));
    }

    private static ContainerDefinition container(String name, Secret... secrets) {
        return ContainerDefinition.builder().name(name).image(IMAGE).essential(true).secrets(secrets).build();
    }

    private static Secret secret(String name, String valueFrom) {
        return Secret.builder().name(name).valueFrom(valueFrom).build();
    }

    private static String serverLog() {
        synchronized (SERVER_LOG) {
            return SERVER_LOG.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes to two streams: the console stays readable while the test keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (second) {
                second.write(bytes, offset, length);
            }
            try {
                first.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

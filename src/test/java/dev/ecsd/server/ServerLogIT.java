package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.LaunchType;

/**
 * The server's log, as a new user reads it from a real server process on Docker with {@code --log-format json}:
 * every line an object; at start where the API, the console and the metrics are, the runtime and how many running
 * tasks were re-adopted; while running a warning per task that fails to start, a line per deployment state change and
 * one per circuit-breaker trip. With {@code --log-level warn} only the warnings are left.
 */
@RequiresDocker
class ServerLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "log-it";
    private static final String MISSING_IMAGE = "ecsd-test/no-such-image:1";
    private static final List<String> TICKER = List.of("sh", "-c",
            "trap 'exit 0' TERM; while true; do echo tick; sleep 1 & wait; done");

    @Test
    void theJsonLogTellsWhereThingsAreAndWhatWentWrong() {
        String instanceId = null;
        try (ServerProcess server = ServerProcess.start("--log-format", "json");
                DockerRuntime docker = DockerRuntime.fromEnvironment()) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            String image = TestImages.busybox(docker);
            String port = Integer.toString(server.endpoint().getPort());
            List<JsonNode> started = lines(server);
            assertStartupLines(started, "http://127.0.0.1:" + port, 0);

            server.ecs().createCluster(b -> b.clusterName(CLUSTER));
            EcsTasks tasks = new EcsTasks(server.ecs(), CLUSTER);
            String ticker = tasks.register("ticker", ContainerDefinition.builder().name("main").image(image)
                    .essential(true).command(TICKER).build());
            String missing = tasks.register("missing", ContainerDefinition.builder().name("main")
                    .image(MISSING_IMAGE).essential(true).build());
            String standalone = tasks.run(ticker);
            tasks.awaitStatus(standalone, "RUNNING");
            String failing = tasks.run(missing);
            software.amazon.awssdk.services.ecs.model.Task failedTask = tasks.awaitStatus(failing, "STOPPED");
            assertThat(failedTask.stopCodeAsString()).isEqualTo("TaskFailedToStart");

            JsonNode failed = awaitLine(server, "a task's failed start", line -> "task failed to start".equals(
                    text(line, "message")) && EcsTasks.taskId(failing).equals(text(line, "task")));
            assertThat(text(failed, "level")).isEqualTo("WARN");
            assertThat(text(failed, "logger")).isEqualTo("ecsd.tasks");
            assertThat(text(failed, "cluster")).isEqualTo(CLUSTER);
            assertThat(text(failed, "group")).isEqualTo("family:missing");
            assertThat(text(failed, "taskDefinition")).isEqualTo("missing:1");
            assertThat(text(failed, "stopCode")).isEqualTo("TaskFailedToStart");
            assertThat(text(failed, "stoppedReason")).startsWith("CannotPullContainerError")
                    .isEqualTo(failedTask.stoppedReason());

            server.ecs().createService(b -> b.cluster(CLUSTER).serviceName("web").taskDefinition(ticker)
                    .desiredCount(1).launchType(LaunchType.FARGATE).networkConfiguration(EcsTasks.awsvpc())
                    .deploymentConfiguration(c -> c.minimumHealthyPercent(0).maximumPercent(200)
                            .deploymentCircuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true)
                                    .build())));
            String first = server.ecs().describeServices(b -> b.cluster(CLUSTER).services("web")).services()
                    .getFirst().deployments().getFirst().id();
            awaitLine(server, "the first deployment to complete", line -> "deployment completed".equals(
                    text(line, "message")) && first.equals(text(line, "deployment")));
            server.ecs().updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(missing));
            String second = server.ecs().describeServices(b -> b.cluster(CLUSTER).services("web")).services()
                    .getFirst().deployments().stream().filter(d -> "PRIMARY".equals(d.status())).map(Deployment::id)
                    .findFirst().orElseThrow();

            JsonNode tripped = awaitLine(server, "the circuit breaker to trip", line ->
                    "deployment circuit breaker tripped".equals(text(line, "message")));
            assertThat(text(tripped, "level")).isEqualTo("WARN");
            assertThat(text(tripped, "logger")).isEqualTo("ecsd.deployments");
            assertThat(text(tripped, "service")).isEqualTo("web");
            assertThat(text(tripped, "deployment")).isEqualTo(second);
            assertThat(tripped.get("failedTasks").asInt()).isEqualTo(3);
            assertThat(tripped.get("threshold").asInt()).isEqualTo(3);
            awaitLine(server, "the rollback to complete", line -> "deployment completed".equals(text(line, "message"))
                    && first.equals(text(line, "deployment")) && lines(server).indexOf(line) > lines(server)
                            .indexOf(tripped));

            List<JsonNode> deployments = lines(server).stream()
                    .filter(line -> "ecsd.deployments".equals(text(line, "logger"))).toList();
            assertThat(deployments).extracting(line -> text(line, "message") + " " + text(line, "deployment") + " "
                    + text(line, "rolloutState")).containsExactly(
                            "deployment started " + first + " IN_PROGRESS",
                            "deployment completed " + first + " COMPLETED",
                            "deployment started " + second + " IN_PROGRESS",
                            "deployment failed " + second + " FAILED",
                            "deployment circuit breaker tripped " + second + " null",
                            "deployment in progress again " + first + " IN_PROGRESS",
                            "deployment completed " + first + " COMPLETED");
            JsonNode failedDeployment = deployments.get(3);
            assertThat(text(failedDeployment, "level")).isEqualTo("WARN");
            assertThat(text(failedDeployment, "reason"))
                    .isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
            assertThat(text(failedDeployment, "taskDefinition")).isEqualTo("missing:1");
            assertThat(lines(server).stream().filter(line -> "task failed to start".equals(text(line, "message"))
                    && "web".equals(text(line, "service")))).as("each of the deployment's failed starts").hasSize(3);

            int before = lines(server).size();
            server.kill9();
            server.restart();
            List<JsonNode> restarted = lines(server).subList(before, lines(server).size());
            assertStartupLines(restarted, "http://127.0.0.1:" + port, 2);
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }

    @Test
    void atLevelWarnOnlyTheWarningsAreLeft() {
        String instanceId = null;
        try (ServerProcess server = ServerProcess.start("--log-format", "json", "--log-level", "warn")) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            server.ecs().createCluster(b -> b.clusterName(CLUSTER));
            EcsTasks tasks = new EcsTasks(server.ecs(), CLUSTER);
            String failing = tasks.run(tasks.register("missing", ContainerDefinition.builder().name("main")
                    .image(MISSING_IMAGE).essential(true).build()));
            tasks.awaitStatus(failing, "STOPPED");

            awaitLine(server, "the failed start", line -> "task failed to start".equals(text(line, "message")));
            assertThat(lines(server)).extracting(line -> text(line, "level")).as("no INFO line, the startup's neither")
                    .isNotEmpty().allMatch(level -> level.equals("WARN") || level.equals("ERROR"));
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }

    /** The startup lines, one each and in order, with their fields. */
    private static void assertStartupLines(List<JsonNode> lines, String api, int readopted) {
        List<JsonNode> startup = lines.stream().filter(line -> "ecsd.server".equals(text(line, "logger"))).toList();
        assertThat(startup).extracting(line -> text(line, "message").replaceAll(" .*", ""))
                .containsExactly("ecsd", "API", "console", "Prometheus", "runtime:", "re-adopted");
        // the jar's version when the build packaged it (failsafe runs on the jar), else "dev"
        assertThat(text(startup.get(0), "version")).matches("dev|\\d+\\.\\d+\\.\\d+.*");
        assertThat(text(startup.get(1), "url")).isEqualTo(api);
        assertThat(text(startup.get(2), "url")).isEqualTo(api + "/ui/");
        assertThat(text(startup.get(3), "url")).isEqualTo(api + "/metrics");
        assertThat(text(startup.get(4), "runtime")).isEqualTo("docker");
        assertThat(text(startup.get(4), "engine")).startsWith("Docker Engine ");
        assertThat(startup.get(5).get("readoptedTasks").asInt()).isEqualTo(readopted);
        assertThat(startup).extracting(line -> text(line, "level")).containsOnly("INFO");
    }

    private static JsonNode awaitLine(ServerProcess server, String what, Predicate<JsonNode> wanted) {
        try {
            return await(what + " in the server's log").atMost(EcsTasks.PATIENCE)
                    .until(() -> lines(server).stream().filter(wanted).findFirst(), found -> found.isPresent())
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no line of " + what + " in the server's log:\n" + server.log(), e);
        }
    }

    /** Every line the server wrote, each parsed as one JSON object: a line that is not one fails the test. */
    private static List<JsonNode> lines(ServerProcess server) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : server.log().lines().toList()) {
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as("a line of the log is a JSON object: %s", line).isTrue();
                lines.add(node);
            } catch (JsonProcessingException e) {
                throw new AssertionError("a line of the log is not JSON: " + line, e);
            }
        }
        return lines;
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

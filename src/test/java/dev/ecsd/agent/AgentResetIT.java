package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** POST /_ecsd/reset removes every container of the server, running or starting, and none comes back. */
@RequiresDocker
class AgentResetIT {

    @Test
    void resetRemovesTheContainersOfRunningAndStartingTasks() {
        String instanceId = null;
        try (TestServer server = TestServer.startWithDocker()) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            String image = TestImages.busybox((DockerRuntime) server.server().runtime());
            server.ecs().createCluster(b -> b.clusterName("reset"));
            EcsTasks tasks = new EcsTasks(server.ecs(), "reset");
            String definition = tasks.register("reset", ContainerDefinition.builder().name("main").image(image)
                    .essential(true).command("sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait").build());
            List<String> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(tasks.run(definition));
            }
            running.forEach(arn -> tasks.awaitStatus(arn, "RUNNING"));
            for (int i = 0; i < 2; i++) {
                tasks.run(definition); // still starting when the reset comes
            }
            String instance = instanceId;

            server.reset();

            assertThat(DockerCli.containerIds("dev.ecsd.instance", instance)).as("right after the reset").isEmpty();
            await("no container of the server to come back").during(Duration.ofSeconds(5))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> DockerCli.containerIds("dev.ecsd.instance", instance).isEmpty());
            assertThat(server.ecs().listClusters().clusterArns()).isEmpty();
            assertThat(server.server().agent().activeWorkers()).isZero();
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }
}

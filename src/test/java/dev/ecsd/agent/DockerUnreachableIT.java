package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RealTime;
import dev.ecsd.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/** A server whose Docker Engine cannot be reached still starts and answers; its tasks stop saying why. */
class DockerUnreachableIT {

    @TempDir
    Path directory;

    @Test
    void theServerStartsAndATaskStopsWithAClearReason() throws Exception {
        URI bogus = URI.create("unix://" + directory.resolve("no-docker.sock"));
        DockerRuntime runtime = new DockerRuntime(DockerRuntime.Options.fromEnvironment().withHost(bogus)
                .withOperationTimeout(Duration.ofSeconds(5)));
        try (TestServer server = TestServer.start(RealTime.TIMER, runtime)) {
            server.ecs().createCluster(b -> b.clusterName("no-docker"));
            EcsTasks tasks = new EcsTasks(server.ecs(), "no-docker");
            String arn = tasks.run(tasks.register("no-docker", ContainerDefinition.builder().name("main")
                    .image("ecsd-test/busybox:1").essential(true).command(List.of("sh", "-c", "echo hi")).build()));

            Task stopped = tasks.awaitStatus(arn, "STOPPED");

            assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
            assertThat(stopped.stoppedReason()).contains("Docker Engine").contains(bogus.toString());
            System.out.println("stoppedReason without Docker: " + stopped.stoppedReason());
        }
    }
}

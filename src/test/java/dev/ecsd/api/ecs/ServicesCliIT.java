package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The services issue's commands typed with the real AWS CLI v2 ({@code src/test/cli/services.sh}) against a
 * server whose tasks run on Docker. Without {@code /usr/bin/aws} the test is skipped, except under CI=true.
 */
@RequiresDocker
class ServicesCliIT {
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    private static final Path SCRIPT = Path.of("src", "test", "cli", "services.sh");
    private static final long TIMEOUT_MINUTES = 10;

    @Test
    void servicesCommandsAnswerAsEcsDoes() throws IOException, InterruptedException {
        requireAwsCli();
        assertThat(SCRIPT).as("the acceptance script, relative to the project directory").isRegularFile();

        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); TestServer server = TestServer.startWithDocker()) {
            String image = TestImages.busybox(docker);
            Map<String, String> ours = Map.of(ContainerSpecs.LABEL_INSTANCE,
                    Files.readString(server.dataDirectory().resolve("instance-id")).trim());
            Path output = Files.createTempFile("ecsd-services-cli-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toAbsolutePath().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                Map<String, String> environment = builder.environment();
                // Only what the test sets: no profile, config file or credentials of whoever runs the build.
                environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("ECSD_"));
                environment.put("ECSD_ENDPOINT", server.endpoint().toString());
                environment.put("ECSD_TEST_IMAGE", image);
                environment.put("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY_ID);
                environment.put("AWS_SECRET_ACCESS_KEY", TestServer.SECRET_ACCESS_KEY);
                environment.put("AWS_DEFAULT_REGION", TestServer.REGION);
                environment.put("AWS_PAGER", "");
                environment.put("AWS_CONFIG_FILE", output.resolveSibling("ecsd-no-aws-config").toString());
                environment.put("AWS_SHARED_CREDENTIALS_FILE", output.resolveSibling("ecsd-no-aws-credentials").toString());
                environment.put("AWS_EC2_METADATA_DISABLED", "true");
                Process script = builder.start();
                boolean finished = script.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
                if (!finished) {
                    script.destroyForcibly().waitFor();
                }
                String log = Files.readString(output, StandardCharsets.UTF_8);

                assertThat(finished).as("the script finished within %d minutes; its output:%n%s", TIMEOUT_MINUTES, log)
                        .isTrue();
                assertThat(script.exitValue()).as("exit code of %s; its output:%n%s", SCRIPT, log).isZero();
                assertThat(log).contains("checks passed").doesNotContain("FAIL");
                await("the deleted services' containers removed").atMost(Duration.ofMinutes(1))
                        .until(() -> docker.listContainers(ours).isEmpty());
            } finally {
                Files.deleteIfExists(output);
                docker.listContainers(ours).forEach(c -> docker.removeContainer(c.id()));
            }
        }
    }

    private static void requireAwsCli() {
        if (Files.isExecutable(AWS_CLI)) {
            return;
        }
        String reason = AWS_CLI + " (the AWS CLI v2, Debian package awscli) is not installed, so the CLI "
                + "acceptance test cannot run";
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + "; under CI=true this is an error, not a skip.");
        }
        Assumptions.abort(reason + ". Install it with: apt-get install -y awscli");
    }
}

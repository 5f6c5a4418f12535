package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.BoundedProcess;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * A lifecycle policy applied end to end, with a real server, its docker-registry child and the real Docker CLI: in a
 * repository that keeps the last 2 images, a third push leaves the two newest in DescribeImages, and the oldest can
 * no longer be pulled by its digest.
 */
@RequiresDocker
class LifecycleDockerIT {
    private static final Duration DOCKER_TIMEOUT = Duration.ofMinutes(2);
    private static final String KEEP_TWO = "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the last 2 images\","
            + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    private final List<String> built = new ArrayList<>();
    private TestServer server;
    private EcrClient ecr;
    private Path dockerConfig;

    @BeforeEach
    void start() throws IOException {
        try (DockerRuntime runtime = DockerRuntime.fromEnvironment()) {
            TestImages.busybox(runtime);
        }
        dockerConfig = Files.createTempDirectory("ecsd-docker-config-");
        server = TestServer.start();
        ecr = server.ecr();
    }

    @AfterEach
    void stop() {
        built.forEach(image -> docker("rmi", "-f", image));
        if (ecr != null) {
            ecr.close();
        }
        if (server != null) {
            server.close();
        }
        deleteRecursively(dockerConfig);
    }

    @Test
    void keepingTheLastTwoImagesAThirdPushLeavesTheTwoNewestAndTheOldestCannotBePulled() {
        assertThat(server.server().images().available()).as("the registry runs").isTrue();
        String uri = ecr.createRepository(r -> r.repositoryName("lifecycle/web")).repository().repositoryUri();
        ecr.putLifecyclePolicy(r -> r.repositoryName("lifecycle/web").lifecyclePolicyText(KEEP_TWO));
        login(uri.substring(0, uri.indexOf('/')));

        String first = buildAndPush(uri, 1);
        String second = buildAndPush(uri, 2);
        String third = buildAndPush(uri, 3);
        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();

        List<ImageDetail> kept = Awaitility.await("the policy to leave two images").atMost(Duration.ofSeconds(60))
                .until(() -> ecr.describeImages(r -> r.repositoryName("lifecycle/web")).imageDetails(),
                        images -> images.size() == 2);
        assertThat(kept).extracting(ImageDetail::imageDigest).containsExactlyInAnyOrder(second, third);
        assertThat(kept).flatExtracting(ImageDetail::imageTags).containsExactlyInAnyOrder("v2", "v3");
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("lifecycle/web")).lastEvaluatedAt()).isNotNull();

        assertThat(docker("rmi", "-f", uri + ":v1").exitCode()).isZero();
        BoundedProcess.Result pull = docker("pull", uri + "@" + first);
        assertThat(pull.exitCode()).as(pull.output()).isNotZero();
        assertThat(pull.output()).containsIgnoringCase("manifest unknown");
        BoundedProcess.Result kept3 = docker("pull", uri + "@" + third);
        assertThat(kept3.exitCode()).as(kept3.output()).isZero();
    }

    /** Docker logs in with the password GetAuthorizationToken gives, as get-login-password prints it. */
    private void login(String registry) {
        String token = ecr.getAuthorizationToken(r -> { }).authorizationData().getFirst().authorizationToken();
        String password = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).substring(4);
        BoundedProcess.Result login = docker("login", registry, "-u", "AWS", "-p", password);
        assertThat(login.exitCode()).as(login.output()).isZero();
    }

    /** Builds an image of its own from the test busybox (a label tells it apart), pushes it; answers its digest. */
    private String buildAndPush(String uri, int version) {
        String image = uri + ":v" + version;
        built.add(image);
        BoundedProcess.Result build = BoundedProcess.run(DOCKER_TIMEOUT, List.of("sh", "-c",
                "printf 'FROM %s\\nLABEL v=%d\\n' \"$1\" \"$2\" | docker build -q -t \"$3\" -", "sh",
                TestImages.BUSYBOX, String.valueOf(version), image));
        assertThat(build.exitCode()).as(build.output()).isZero();
        BoundedProcess.Result push = docker("push", image);
        assertThat(push.exitCode()).as(push.output()).isZero();
        String repoDigest = docker("inspect", "--format", "{{index .RepoDigests 0}}", image).output().strip();
        assertThat(repoDigest).contains("@sha256:");
        return repoDigest.substring(repoDigest.indexOf('@') + 1);
    }

    private BoundedProcess.Result docker(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "--config", dockerConfig.toString()));
        command.addAll(List.of(arguments));
        return BoundedProcess.run(DOCKER_TIMEOUT, command);
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp file is no reason to fail a test
        }
    }
}

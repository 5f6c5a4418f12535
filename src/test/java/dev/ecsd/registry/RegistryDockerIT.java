package dev.ecsd.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.server.EcsdServer;
import dev.ecsd.testing.BoundedProcess;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The registry front with a real server, a real docker-registry child and the real Docker CLI: login with the
 * token, push, the gate's refusals as Docker prints them, pull back, and the image side's manifest operations.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryDockerIT {
    private static final Duration DOCKER_TIMEOUT = Duration.ofMinutes(2);
    private static final TestGate GATE = new TestGate("web-app");
    private static Path dataDirectory;
    private static Path dockerConfig;
    private static EcsdServer server;
    private static String registry;
    private static final List<String> tagged = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("ecsd-registry-it-");
        dockerConfig = Files.createTempDirectory("ecsd-docker-config-");
        server = EcsdServer.startWithRegistryGate(TestServer.configFor(dataDirectory), GATE);
        registry = server.images().address();
        try (DockerRuntime runtime = DockerRuntime.fromEnvironment()) {
            TestImages.busybox(runtime);
        }
    }

    @AfterAll
    static void stop() {
        for (String image : tagged) {
            docker("rmi", image);
        }
        if (server != null) {
            server.close();
        }
        deleteRecursively(dockerConfig);
        deleteRecursively(dataDirectory);
    }

    @Test
    @Order(1)
    void theAddressIsTheApiPort() {
        assertThat(registry).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.images().available()).isTrue();
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedByDockerLogin() {
        BoundedProcess.Result login = docker("login", registry, "-u", "AWS", "-p", "not-the-token");
        assertThat(login.exitCode()).as(login.output()).isNotZero();
        assertThat(login.output()).containsIgnoringCase("unauthorized");
    }

    @Test
    @Order(3)
    void pushRecordsTheImageWithTheDigestDockerSees() {
        login();
        String image = tag("web-app:v1");
        BoundedProcess.Result push = docker("push", image);
        assertThat(push.exitCode()).as(push.output()).isZero();

        String repoDigest = docker("inspect", "--format", "{{index .RepoDigests 0}}", image).output().strip();
        String digest = repoDigest.substring(repoDigest.indexOf('@') + 1);
        assertThat(repoDigest).startsWith(registry + "/us-east-1/web-app@sha256:");
        assertThat(GATE.pushes()).anySatisfy(pushed -> {
            assertThat(pushed.region()).isEqualTo("us-east-1");
            assertThat(pushed.name()).isEqualTo("web-app");
            assertThat(pushed.reference()).isEqualTo("v1");
            assertThat(pushed.manifest().digest()).isEqualTo(digest);
            assertThat(pushed.manifest().mediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
            assertThat(pushed.manifest().body()).isNotEmpty();
        });
    }

    @Test
    @Order(4)
    void aRepositoryThatDoesNotExistIsRefusedWithEcrsMessage() {
        login();
        BoundedProcess.Result push = docker("push", tag("not-there:v1"));
        assertThat(push.exitCode()).as(push.output()).isNotZero();
        assertThat(push.output()).contains("The repository with name 'not-there' does not exist in the registry "
                + "with id '000000000000'");
    }

    @Test
    @Order(5)
    void anImmutableTagIsNotPushedTwice() {
        login();
        String image = tag("web-app:fixed");
        BoundedProcess.Result first = docker("push", image);
        assertThat(first.exitCode()).as(first.output()).isZero();

        BoundedProcess.Result again = docker("push", image);
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("tag invalid")
                .contains("The image tag 'fixed' already exists in the 'web-app' repository");
        assertThat(GATE.pushes()).filteredOn(pushed -> pushed.reference().equals("fixed")).hasSize(1);
    }

    @Test
    @Order(6)
    void aRemovedImageIsPulledBack() {
        login();
        String image = registry + "/us-east-1/web-app:v1";
        assertThat(docker("rmi", image).exitCode()).isZero();
        assertThat(docker("image", "inspect", image).exitCode()).isNotZero();

        BoundedProcess.Result pull = docker("pull", image);
        assertThat(pull.exitCode()).as(pull.output()).isZero();
        assertThat(docker("image", "inspect", image).exitCode()).isZero();
    }

    @Test
    @Order(7)
    void theImageSideReadsAndDeletesManifests() {
        login();
        ImageStorage images = server.images();
        ManifestBody pushed = GATE.pushes().stream().filter(p -> p.reference().equals("v1")).findFirst()
                .orElseThrow().manifest();
        ManifestBody read = images.manifest("us-east-1", "web-app", "v1").orElseThrow();
        assertThat(read.digest()).isEqualTo(pushed.digest());
        assertThat(read.mediaType()).isEqualTo(pushed.mediaType());
        assertThat(read.body()).isEqualTo(pushed.body());
        assertThat(images.manifest("us-east-1", "web-app", "no-such-tag")).isEmpty();

        // an image of its own (v1 and fixed share a digest), gone from the engine once pushed
        String doomed = registry + "/us-east-1/web-app:doomed";
        String container = "ecsd-registry-it-" + ProcessHandle.current().pid();
        assertThat(docker("create", "--name", container, TestImages.BUSYBOX, "true").exitCode()).isZero();
        BoundedProcess.Result commit = docker("commit", "--change", "LABEL dev.ecsd.test=doomed", container, doomed);
        docker("rm", container);
        assertThat(commit.exitCode()).as(commit.output()).isZero();
        BoundedProcess.Result push = docker("push", doomed);
        assertThat(push.exitCode()).as(push.output()).isZero();
        assertThat(docker("rmi", doomed).exitCode()).isZero();
        String digest = GATE.pushes().stream().filter(p -> p.reference().equals("doomed")).findFirst()
                .orElseThrow().manifest().digest();
        assertThat(digest).isNotEqualTo(pushed.digest());

        images.deleteManifest("us-east-1", "web-app", digest);
        images.deleteManifest("us-east-1", "web-app", digest);

        assertThat(images.manifest("us-east-1", "web-app", "doomed")).isEmpty();
        assertThat(images.manifest("us-east-1", "web-app", digest)).isEmpty();
        assertThat(images.manifest("us-east-1", "web-app", "v1")).isPresent();
        BoundedProcess.Result pull = docker("pull", registry + "/us-east-1/web-app@" + digest);
        assertThat(pull.exitCode()).as(pull.output()).isNotZero();
        assertThat(pull.output()).containsIgnoringCase("manifest unknown");
    }

    @Test
    @Order(8)
    void theImageSideWritesAManifestUnderANewTag() {
        ImageStorage images = server.images();
        ManifestBody fixed = images.manifest("us-east-1", "web-app", "fixed").orElseThrow();
        ManifestBody written = images.putManifest("us-east-1", "web-app", "copy", fixed.mediaType(), fixed.body());
        assertThat(written.digest()).isEqualTo(fixed.digest());
        assertThat(images.manifest("us-east-1", "web-app", "copy").orElseThrow().digest()).isEqualTo(fixed.digest());
    }

    @Test
    @Order(9)
    void aWipedRegionKeepsNoImages() {
        assertThat(server.images().manifest("us-east-1", "web-app", "fixed")).isPresent();

        server.registry().wipeRegion("us-east-1");

        assertThat(server.images().manifest("us-east-1", "web-app", "fixed")).isEmpty();
        assertThat(server.images().manifest("us-east-1", "web-app", "copy")).isEmpty();
    }

    private static void login() {
        BoundedProcess.Result login = docker("login", registry, "-u", "AWS", "-p", TestGate.TOKEN);
        assertThat(login.exitCode()).as(login.output()).isZero();
        assertThat(login.output()).contains("Login Succeeded");
    }

    /** Tags the test image as {@code <registry>/us-east-1/<nameAndTag>}; removed after the class. */
    private static String tag(String nameAndTag) {
        String image = registry + "/us-east-1/" + nameAndTag;
        BoundedProcess.Result tag = docker("tag", TestImages.BUSYBOX, image);
        assertThat(tag.exitCode()).as(tag.output()).isZero();
        tagged.add(image);
        return image;
    }

    private static BoundedProcess.Result docker(String... arguments) {
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

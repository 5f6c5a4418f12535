package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.BoundedProcess;
import dev.ecsd.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The Docker CLI as a user of ECR drives it, with a login directory of its own (never the user's): log in with the
 * token GetAuthorizationToken gives, build small images of their own from the test busybox and push them. Closing it
 * removes the images it built and its login.
 */
final class EcrDocker implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private final List<String> built = new ArrayList<>();
    private final Path config;

    EcrDocker() {
        try (DockerRuntime runtime = DockerRuntime.fromEnvironment()) {
            TestImages.busybox(runtime);
        }
        try {
            config = Files.createTempDirectory("ecsd-docker-config-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Docker logs in to a repository URI's registry with the password GetAuthorizationToken gives. */
    void login(EcrClient ecr, String repositoryUri) {
        String token = ecr.getAuthorizationToken(r -> { }).authorizationData().getFirst().authorizationToken();
        String password = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).substring(4);
        BoundedProcess.Result login = run("login", repositoryUri.substring(0, repositoryUri.indexOf('/')), "-u", "AWS",
                "-p", password);
        assertThat(login.exitCode()).as(login.output()).isZero();
    }

    /** Builds an image of its own from the test busybox (a label tells it apart), pushes it; answers its digest. */
    String buildAndPush(String uri, int version) {
        String image = uri + ":v" + version;
        built.add(image);
        BoundedProcess.Result build = BoundedProcess.run(TIMEOUT, List.of("sh", "-c",
                "printf 'FROM %s\\nLABEL v=%d\\n' \"$1\" \"$2\" | docker build -q -t \"$3\" -", "sh",
                TestImages.BUSYBOX, String.valueOf(version), image));
        assertThat(build.exitCode()).as(build.output()).isZero();
        BoundedProcess.Result push = run("push", image);
        assertThat(push.exitCode()).as(push.output()).isZero();
        String repoDigest = run("inspect", "--format", "{{index .RepoDigests 0}}", image).output().strip();
        assertThat(repoDigest).contains("@sha256:");
        return repoDigest.substring(repoDigest.indexOf('@') + 1);
    }

    /** Runs {@code docker ARGUMENTS} with this login directory, bounded in time. */
    BoundedProcess.Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "--config", config.toString()));
        command.addAll(List.of(arguments));
        return BoundedProcess.run(TIMEOUT, command);
    }

    @Override
    public void close() {
        built.forEach(image -> run("rmi", "-f", image));
        try (Stream<Path> paths = Files.walk(config)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp file is no reason to fail a test
        }
    }
}

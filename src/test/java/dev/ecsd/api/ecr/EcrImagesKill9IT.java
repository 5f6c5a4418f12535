package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.BoundedProcess;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;

/**
 * Images pushed with Docker outlive a SIGKILL of ecsd: the next server on the same data lists them and its registry,
 * started again with it, serves them; a token handed out before still logs in.
 */
@RequiresDocker
class EcrImagesKill9IT {
    @Test
    void pushedImagesAreListedAndPulledAfterKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated"); EcrDocker docker = new EcrDocker()) {
            String uri;
            String digest;
            try (EcrClient ecr = process.ecr()) {
                uri = ecr.createRepository(r -> r.repositoryName("kept/web")).repository().repositoryUri();
                docker.login(ecr, uri);
                digest = docker.buildAndPush(uri, 1);
            }

            process.kill9();
            process.restart();

            try (EcrClient ecr = process.ecr()) {
                String after = ecr.describeRepositories(r -> r.repositoryNames("kept/web")).repositories().getFirst()
                        .repositoryUri();
                assertThat(ecr.describeImages(r -> r.repositoryName("kept/web")).imageDetails())
                        .extracting(ImageDetail::imageDigest, ImageDetail::imageTags)
                        .containsExactly(tuple(digest, List.of("v1")));
                assertThat(docker.run("rmi", "-f", uri + ":v1").exitCode()).isZero();
                BoundedProcess.Result pull = docker.run("pull", after + "@" + digest);
                assertThat(pull.exitCode()).as("pulled from the restarted registry with the old login: %s",
                        pull.output()).isZero();
                docker.run("rmi", "-f", after + "@" + digest);
            }
        }
    }
}

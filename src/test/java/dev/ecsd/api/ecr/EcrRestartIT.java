package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/** Repositories, their policies, images and tokens outlive the server: after SIGKILL, and after a restart. */
class EcrRestartIT {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":"
            + "\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    @Test
    void repositoriesAndTheirPoliciesComeBackAfterKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            Repository created;
            try (EcrClient ecr = process.ecr()) {
                created = ecr.createRepository(r -> r.repositoryName("team/web")
                        .imageTagMutability(ImageTagMutability.IMMUTABLE)
                        .imageScanningConfiguration(s -> s.scanOnPush(true))
                        .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS).kmsKey("alias/k"))
                        .tags(Tag.builder().key("team").value("blue").build())).repository();
                ecr.setRepositoryPolicy(r -> r.repositoryName("team/web").policyText(POLICY));
                ecr.putLifecyclePolicy(r -> r.repositoryName("team/web").lifecyclePolicyText(LIFECYCLE));
                ecr.createRepository(r -> r.repositoryName("gone"));
                ecr.deleteRepository(r -> r.repositoryName("gone"));
            }

            process.kill9();
            process.restart();

            try (EcrClient ecr = process.ecr()) {
                assertThat(ecr.describeRepositories(r -> { }).repositories()).containsExactly(created);
                assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("team/web")).policyText()).isEqualTo(POLICY);
                assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("team/web")).lifecyclePolicyText())
                        .isEqualTo(LIFECYCLE);
                assertThat(ecr.listTagsForResource(r -> r.resourceArn(created.repositoryArn())).tags())
                        .containsExactly(Tag.builder().key("team").value("blue").build());
                assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("gone")))
                        .isInstanceOf(RepositoryNotFoundException.class);
            }
        }
    }

    @Test
    void imagesAndTokensHoldForTheNextServerOnTheSameData() {
        MemoryImageStorage registry = new MemoryImageStorage();
        TestServer first = TestServer.startWithImages(registry);
        String password;
        ImageDetail pushed;
        try (EcrClient ecr = first.ecr()) {
            ecr.createRepository(r -> r.repositoryName("web"));
            ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(EcrImagesIT.manifest(1)));
            ecr.putImage(r -> r.repositoryName("web").imageTag("v1").imageManifest(EcrImagesIT.manifest(2)));
            pushed = ecr.describeImages(r -> r.repositoryName("web")).imageDetails().stream()
                    .filter(ImageDetail::hasImageTags).findFirst().orElseThrow();
            String token = ecr.getAuthorizationToken(r -> { }).authorizationData().getFirst().authorizationToken();
            password = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).substring(4);
        } finally {
            first.ecs().close();
            first.server().close();
        }

        try (TestServer second = TestServer.startWithImages(TestServer.configFor(first.dataDirectory()), registry);
                EcrClient ecr = second.ecr()) {
            assertThat(ecr.describeImages(r -> r.repositoryName("web")).imageDetails())
                    .hasSize(2).contains(pushed);
            assertThat(second.server().registryGate().login("AWS", password)).isPresent();
        }
    }
}

package dev.ecsd.api.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.MemoryImageStorage;
import dev.ecsd.testing.SharedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

/** ECR repositories through the SDK: create, describe with pagination, delete, mutability, policies, tags, tokens. */
class EcrRepositoriesIT {
    private static final MemoryImageStorage REGISTRY = new MemoryImageStorage();

    @RegisterExtension
    static final SharedServer server = SharedServer.withImages(REGISTRY);

    private final EcrClient ecr = server.ecr();

    @Test
    void aCreatedRepositoryHasEcrsArnUriAndDefaults() {
        Repository created = ecr.createRepository(r -> r.repositoryName("team/web-app")).repository();

        assertThat(created.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/team/web-app");
        assertThat(created.registryId()).isEqualTo("000000000000");
        assertThat(created.repositoryUri()).isEqualTo(MemoryImageStorage.ADDRESS + "/us-east-1/team/web-app");
        assertThat(created.imageTagMutability()).isEqualTo(ImageTagMutability.MUTABLE);
        assertThat(created.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
        assertThat(created.imageScanningConfiguration().scanOnPush()).isFalse();
        assertThat(created.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(ecr.describeRepositories(r -> r.repositoryNames("team/web-app")).repositories())
                .containsExactly(created);
    }

    @Test
    void createKeepsMutabilityScanningEncryptionAndTags() {
        Repository created = ecr.createRepository(r -> r.repositoryName("api")
                .imageTagMutability(ImageTagMutability.IMMUTABLE)
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.KMS).kmsKey("alias/mine"))
                .tags(Tag.builder().key("team").value("blue").build())).repository();

        Repository described = ecr.describeRepositories(r -> r.repositoryNames("api")).repositories().getFirst();
        assertThat(described).isEqualTo(created);
        assertThat(described.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(described.imageScanningConfiguration().scanOnPush()).isTrue();
        assertThat(described.encryptionConfiguration().kmsKey()).isEqualTo("alias/mine");
        assertThat(ecr.listTagsForResource(r -> r.resourceArn(created.repositoryArn())).tags())
                .containsExactly(Tag.builder().key("team").value("blue").build());
    }

    @Test
    void createRefusesBadNamesSettingsAndAnExistingName() {
        for (String bad : new String[] {"a", "Upper", "-lead", "double//slash", "trail/", "x".repeat(257)}) {
            assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName(bad)))
                    .as(bad).isInstanceOf(InvalidParameterException.class);
        }
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("web").imageTagMutability("SOMETIMES")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("imageTagMutability");
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("web")
                .encryptionConfiguration(e -> e.encryptionType(EncryptionType.AES256).kmsKey("k"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("web")
                .tags(Tag.builder().key("aws:x").value("y").build())))
                .isInstanceOf(InvalidTagParameterException.class);
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("web").tags(many)))
                .isInstanceOf(TooManyTagsException.class);
        ecr.createRepository(r -> r.repositoryName("web"));
        assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("web")))
                .isInstanceOf(RepositoryAlreadyExistsException.class)
                .hasMessageContaining("The repository with name 'web' already exists in the registry with id "
                        + "'000000000000'");
    }

    @Test
    void describeAnswersNamedRepositoriesOrAllOfThemPageByPage() {
        for (int i = 0; i < 5; i++) {
            String name = "repo-" + i;
            ecr.createRepository(r -> r.repositoryName(name));
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeRepositoriesResponse page = ecr.describeRepositories(r -> r.maxResults(2).nextToken(next));
            page.repositories().forEach(repository -> seen.add(repository.repositoryName()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(seen).containsExactly("repo-0", "repo-1", "repo-2", "repo-3", "repo-4");
        assertThat(pages).isEqualTo(3);
        assertThat(ecr.describeRepositoriesPaginator(r -> r.maxResults(1)).repositories()).hasSize(5);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("repo-1", "missing")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageContaining("The repository with name 'missing' does not exist in the registry with id "
                        + "'000000000000'");
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.maxResults(1001)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.nextToken("not-a-token")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.registryId("123")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void deleteRefusesARepositoryWithImagesUnlessForcedAndForceDeletesThemFromTheRegistry() {
        ecr.createRepository(r -> r.repositoryName("full"));
        String digest = ecr.putImage(r -> r.repositoryName("full").imageTag("v1")
                .imageManifest(EcrImagesIT.manifest(1))).image().imageId().imageDigest();

        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("full")))
                .isInstanceOf(RepositoryNotEmptyException.class)
                .hasMessageContaining("The repository with name 'full' in registry with id '000000000000' cannot be "
                        + "deleted because it still contains images");
        Repository deleted = ecr.deleteRepository(r -> r.repositoryName("full").force(true)).repository();

        assertThat(deleted.repositoryName()).isEqualTo("full");
        assertThat(REGISTRY.holds("us-east-1", "full", digest)).isFalse();
        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("full")))
                .isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("full")))
                .isInstanceOf(RepositoryNotFoundException.class);
        ecr.createRepository(r -> r.repositoryName("empty"));
        assertThat(ecr.deleteRepository(r -> r.repositoryName("empty")).repository().repositoryName())
                .isEqualTo("empty");
    }

    @Test
    void putImageTagMutabilityChangesTheRepository() {
        ecr.createRepository(r -> r.repositoryName("web"));

        assertThat(ecr.putImageTagMutability(r -> r.repositoryName("web")
                .imageTagMutability(ImageTagMutability.IMMUTABLE)).imageTagMutability())
                .isEqualTo(ImageTagMutability.IMMUTABLE);

        assertThat(ecr.describeRepositories(r -> r.repositoryNames("web")).repositories().getFirst()
                .imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThatThrownBy(() -> ecr.putImageTagMutability(r -> r.repositoryName("nope")
                .imageTagMutability(ImageTagMutability.MUTABLE))).isInstanceOf(RepositoryNotFoundException.class);
        assertThatThrownBy(() -> ecr.putImageTagMutability(r -> r.repositoryName("web")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void repositoryPoliciesAreKeptAsTheirText() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\"]}]}";

        assertThatThrownBy(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("web")))
                .isInstanceOf(RepositoryPolicyNotFoundException.class)
                .hasMessageContaining("Repository policy does not exist for the repository with name 'web'");
        assertThat(ecr.setRepositoryPolicy(r -> r.repositoryName("web").policyText(policy)).policyText())
                .isEqualTo(policy);
        assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("web")).policyText()).isEqualTo(policy);
        assertThat(ecr.deleteRepositoryPolicy(r -> r.repositoryName("web")).policyText()).isEqualTo(policy);
        assertThatThrownBy(() -> ecr.deleteRepositoryPolicy(r -> r.repositoryName("web")))
                .isInstanceOf(RepositoryPolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("web").policyText("not json")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void lifecyclePoliciesAreKeptAsTheirText() {
        ecr.createRepository(r -> r.repositoryName("web"));
        String policy = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":2},\"action\":{\"type\":\"expire\"}}]}";

        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("web")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class)
                .hasMessageContaining("Lifecycle policy does not exist for the repository with name 'web'");
        assertThat(ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText(policy))
                .lifecyclePolicyText()).isEqualTo(policy);
        assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("web")).lifecyclePolicyText()).isEqualTo(policy);
        assertThat(ecr.deleteLifecyclePolicy(r -> r.repositoryName("web")).lifecyclePolicyText()).isEqualTo(policy);
        assertThatThrownBy(() -> ecr.deleteLifecyclePolicy(r -> r.repositoryName("web")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("web").lifecyclePolicyText("[1]")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.putLifecyclePolicy(r -> r.repositoryName("nope").lifecyclePolicyText(policy)))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void tagsAreAddedReplacedAndRemovedByArn() {
        String arn = ecr.createRepository(r -> r.repositoryName("web")).repository().repositoryArn();

        ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("b").value("1").build(),
                Tag.builder().key("a").value("2").build()));
        ecr.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("b").value("3").build()));
        ecr.untagResource(r -> r.resourceArn(arn).tagKeys("a", "absent"));

        assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("b").value("3").build());
        assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn("arn:aws:ecs:us-east-1:1:cluster/x")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn.replace("web", "gone"))
                .tags(Tag.builder().key("k").value("v").build()))).isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void anAuthorizationTokenIsAwsAndATokenForTwelveHoursWithTheRegistrysEndpoint() {
        AuthorizationData data = ecr.getAuthorizationToken(r -> { }).authorizationData().getFirst();

        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("AWS:");
        assertThat(data.proxyEndpoint()).isEqualTo("http://" + MemoryImageStorage.ADDRESS);
        assertThat(Duration.between(Instant.now(), data.expiresAt()))
                .isBetween(Duration.ofHours(12).minusMinutes(1), Duration.ofHours(12));
        assertThat(server.server().registryGate().login("AWS", decoded.substring(4))).isPresent();
        assertThat(server.server().registryGate().login("AWS", decoded.substring(5))).isEmpty();
    }

    @Test
    void theRegistryIsTheAccountsAndReplicatesNothing() {
        var registry = ecr.describeRegistry(r -> { });

        assertThat(registry.registryId()).isEqualTo("000000000000");
        assertThat(registry.replicationConfiguration().rules()).isEmpty();
    }
}

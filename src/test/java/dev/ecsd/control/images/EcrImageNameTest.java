package dev.ecsd.control.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcrImageNameTest {
    private static final String ACCOUNT = "000000000000";
    private static final String ADDRESS = "127.0.0.1:4566";

    @Test
    void ecrsOwnHostNamesARepositoryOfThisAccount() {
        assertThat(EcrImageName.parse("000000000000.dkr.ecr.us-east-1.amazonaws.com/web-app:v2", ACCOUNT, ADDRESS))
                .contains(new EcrImageName("us-east-1", "web-app", "v2"));
        assertThat(EcrImageName.parse("000000000000.dkr.ecr.eu-west-3.amazonaws.com/team/web-app", ACCOUNT, ADDRESS))
                .contains(new EcrImageName("eu-west-3", "team/web-app", "latest"));
    }

    @Test
    void theRepositoryUriThisServerGivesNamesTheSameRepository() {
        assertThat(EcrImageName.parse("127.0.0.1:4566/us-east-1/web-app:v2", ACCOUNT, ADDRESS))
                .contains(new EcrImageName("us-east-1", "web-app", "v2"));
    }

    @Test
    void aDigestStandsForTheTag() {
        String digest = "sha256:" + "ab".repeat(32);
        EcrImageName name = EcrImageName.parse("000000000000.dkr.ecr.us-east-1.amazonaws.com/web-app@" + digest,
                ACCOUNT, ADDRESS).orElseThrow();
        assertThat(name.reference()).isEqualTo(digest);
        assertThat(name.byDigest()).isTrue();
        assertThat(name.location(ADDRESS)).isEqualTo("127.0.0.1:4566/us-east-1/web-app@" + digest);
    }

    @Test
    void theLocationIsThePathTheRegistryStoresTheRepositoryAt() {
        assertThat(new EcrImageName("us-east-1", "team/web-app", "v2").location(ADDRESS))
                .isEqualTo("127.0.0.1:4566/us-east-1/team/web-app:v2");
    }

    @Test
    void otherImagesAreNotEcrs() {
        assertThat(EcrImageName.parse("busybox:latest", ACCOUNT, ADDRESS)).isEmpty();
        assertThat(EcrImageName.parse("nginx", ACCOUNT, ADDRESS)).isEmpty();
        assertThat(EcrImageName.parse("registry.example.com/web-app:v2", ACCOUNT, ADDRESS)).isEmpty();
        assertThat(EcrImageName.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/web-app:v2", ACCOUNT, ADDRESS))
                .as("another account's registry").isEmpty();
        assertThat(EcrImageName.parse("127.0.0.1:4566/web-app:v2", ACCOUNT, ADDRESS)).as("no region").isEmpty();
        assertThat(EcrImageName.parse("127.0.0.1:5000/us-east-1/web-app:v2", ACCOUNT, ADDRESS))
                .as("another registry").isEmpty();
    }
}

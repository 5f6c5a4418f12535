package dev.ecsd.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.registry.RegistryPath.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryPathTest {

    @Test
    void aManifestByTagOrDigest() {
        assertThat(RegistryPath.parse("/v2/us-east-1/web-app/manifests/v1"))
                .contains(new RegistryPath("us-east-1", "web-app", Kind.MANIFEST, "v1"));
        assertThat(RegistryPath.parse("/v2/eu-west-1/web-app/manifests/sha256:abc"))
                .contains(new RegistryPath("eu-west-1", "web-app", Kind.MANIFEST, "sha256:abc"));
    }

    @Test
    void aNameMayHoldSlashesAndEvenTheWordsOfThePath() {
        assertThat(RegistryPath.parse("/v2/us-east-1/team/blobs/web/manifests/latest"))
                .contains(new RegistryPath("us-east-1", "team/blobs/web", Kind.MANIFEST, "latest"));
        assertThat(RegistryPath.parse("/v2/us-east-1/a/b/c/tags/list"))
                .contains(new RegistryPath("us-east-1", "a/b/c", Kind.TAGS, ""));
    }

    @Test
    void blobsAndUploads() {
        assertThat(RegistryPath.parse("/v2/us-east-1/web-app/blobs/sha256:0f"))
                .contains(new RegistryPath("us-east-1", "web-app", Kind.BLOB, "sha256:0f"));
        assertThat(RegistryPath.parse("/v2/us-east-1/web-app/blobs/uploads/"))
                .contains(new RegistryPath("us-east-1", "web-app", Kind.UPLOAD, ""));
        assertThat(RegistryPath.parse("/v2/us-east-1/web-app/blobs/uploads"))
                .contains(new RegistryPath("us-east-1", "web-app", Kind.UPLOAD, ""));
        assertThat(RegistryPath.parse("/v2/us-east-1/web/app/blobs/uploads/5f1c-42"))
                .contains(new RegistryPath("us-east-1", "web/app", Kind.UPLOAD, "5f1c-42"));
    }

    @Test
    void theRegistryStoresARepositoryUnderItsRegion() {
        assertThat(RegistryPath.parse("/v2/us-east-1/team/web/manifests/v1").orElseThrow().repository())
                .isEqualTo("us-east-1/team/web");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/", "/v2", "/v2/_catalog", "/v2/web-app/manifests/v1", "/v2/us-east-1/manifests/v1",
            "/v2/us-east-1/web-app/manifests/", "/v2/us-east-1//web/manifests/v1", "/v2/us-east-1/web-app/other/x",
            "/v3/us-east-1/web-app/manifests/v1", "/v2/us-east-1/web-app/tags/all", "/v2/us-east-1/web-app/blobs/"})
    void anythingElseIsNoRepositoryRequest(String path) {
        assertThat(RegistryPath.parse(path)).isEmpty();
    }
}

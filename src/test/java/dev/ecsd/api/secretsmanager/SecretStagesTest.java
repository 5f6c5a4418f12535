package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretStagesTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aNewCurrentVersionPushesTheOldCurrentToPreviousAndDeprecatesTheOldPrevious() {
        Secret secret = secret();
        secret = SecretStages.withNewVersion(secret, version("v1", SecretVersion.CURRENT), T);
        secret = SecretStages.withNewVersion(secret, version("v2", SecretVersion.CURRENT), T);
        secret = SecretStages.withNewVersion(secret, version("v3", SecretVersion.CURRENT), T);

        assertThat(SecretMapper.stages(secret)).containsExactly(
                Map.entry("v2", List.of(SecretVersion.PREVIOUS)), Map.entry("v3", List.of(SecretVersion.CURRENT)));
        assertThat(secret.version("v1")).hasValueSatisfying(v -> assertThat(v.stages()).isEmpty());
    }

    @Test
    void aPendingVersionTakesOnlyThePendingLabel() {
        Secret secret = SecretStages.withNewVersion(secret(), version("v1", SecretVersion.CURRENT), T);
        secret = SecretStages.withNewVersion(secret, version("v2", SecretVersion.PENDING), T);
        secret = SecretStages.withNewVersion(secret, version("v3", SecretVersion.PENDING, "custom"), T);

        assertThat(SecretMapper.stages(secret)).containsExactly(Map.entry("v1", List.of(SecretVersion.CURRENT)),
                Map.entry("v3", List.of(SecretVersion.PENDING, "custom")));
    }

    @Test
    void movingCurrentOntoTheVersionThatHasItChangesNothing() {
        Secret secret = SecretStages.withNewVersion(secret(), version("v1", SecretVersion.CURRENT), T);

        List<SecretVersion> moved = SecretStages.attach(secret.versions(), SecretVersion.CURRENT, "v1");

        assertThat(moved).singleElement().satisfies(v -> assertThat(v.stages()).containsExactly("AWSCURRENT"));
    }

    @Test
    void onlyTheNewestHundredDeprecatedVersionsAreKept() {
        List<SecretVersion> versions = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            versions.add(version("old" + i));
        }
        versions.add(version("live", SecretVersion.CURRENT));

        List<SecretVersion> pruned = SecretStages.pruned(versions);

        assertThat(pruned).hasSize(101);
        assertThat(pruned).extracting(SecretVersion::versionId).doesNotContain("old0", "old4").contains("old5", "live");
    }

    private static Secret secret() {
        return new Secret("arn:aws:secretsmanager:us-east-1:000000000000:secret:s-AbCdEf", "s", null, null, Map.of(),
                T, T, null, null, null, List.of());
    }

    private static SecretVersion version(String id, String... stages) {
        return new SecretVersion(id, List.of(stages), T, "sealed", false, null);
    }
}

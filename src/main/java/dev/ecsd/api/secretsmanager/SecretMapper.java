package dev.ecsd.api.secretsmanager;

import dev.ecsd.model.secrets.Secret;
import dev.ecsd.model.secrets.SecretVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Secrets as Describe and List answer them: every detail but the value, which these answers never carry. */
final class SecretMapper {
    private SecretMapper() {
    }

    static DescribeSecretResponse describe(Secret secret) {
        return DescribeSecretResponse.builder()
                .arn(secret.arn())
                .name(secret.name())
                .description(secret.description())
                .kmsKeyId(secret.kmsKeyId())
                .createdDate(secret.createdDate())
                .lastChangedDate(secret.lastChangedDate())
                .lastAccessedDate(secret.lastAccessedDate())
                .deletedDate(secret.deletedDate())
                .tags(tags(secret))
                .versionIdsToStages(stages(secret))
                .build();
    }

    static SecretListEntry listEntry(Secret secret) {
        return SecretListEntry.builder()
                .arn(secret.arn())
                .name(secret.name())
                .description(secret.description())
                .kmsKeyId(secret.kmsKeyId())
                .createdDate(secret.createdDate())
                .lastChangedDate(secret.lastChangedDate())
                .lastAccessedDate(secret.lastAccessedDate())
                .deletedDate(secret.deletedDate())
                .tags(tags(secret))
                .secretVersionsToStages(stages(secret))
                .build();
    }

    static SecretVersionsListEntry versionEntry(SecretVersion version) {
        return SecretVersionsListEntry.builder()
                .versionId(version.versionId())
                .versionStages(version.stages().isEmpty() ? null : version.stages())
                .createdDate(version.createdDate())
                .lastAccessedDate(version.lastAccessedDate())
                .build();
    }

    static List<Tag> tags(Secret secret) {
        return secret.sortedTags().entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
    }

    /** Each labelled version and its labels; deprecated versions (no label) are not listed here, as on AWS. */
    static Map<String, List<String>> stages(Secret secret) {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (SecretVersion version : secret.versions()) {
            if (!version.stages().isEmpty()) {
                stages.put(version.versionId(), version.stages());
            }
        }
        return stages;
    }
}

package dev.ecsd.model.ecr;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ECR repository of one region, keyed by its name (unique in a registry). Its scanning and encryption settings are
 * kept and answered as given; its repository and lifecycle policies are kept as the text they were set with.
 *
 * @param lifecyclePolicy the lifecycle policy text, or null when none is set
 * @param lifecyclePolicyEvaluatedAt when the lifecycle policy was last applied, or null
 */
public record Repository(
        String repositoryArn,
        String repositoryName,
        String registryId,
        Instant createdAt,
        String imageTagMutability,
        boolean scanOnPush,
        String encryptionType,
        String kmsKey,
        Map<String, String> tags,
        String repositoryPolicy,
        String lifecyclePolicy,
        Instant lifecyclePolicyEvaluatedAt) {

    public static final String MUTABLE = "MUTABLE";
    public static final String IMMUTABLE = "IMMUTABLE";

    public Repository {
        tags = Map.copyOf(tags);
    }

    /** The ARN of a repository: {@code arn:aws:ecr:<region>:<account>:repository/<name>}. */
    public static String arn(String region, String accountId, String name) {
        return "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + name;
    }

    public boolean immutable() {
        return IMMUTABLE.equals(imageTagMutability);
    }

    /** Tags in key order, as they are answered. */
    public Map<String, String> sortedTags() {
        return new TreeMap<>(tags);
    }

    public Repository withImageTagMutability(String mutability) {
        return new Repository(repositoryArn, repositoryName, registryId, createdAt, mutability, scanOnPush,
                encryptionType, kmsKey, tags, repositoryPolicy, lifecyclePolicy, lifecyclePolicyEvaluatedAt);
    }

    public Repository withTags(Map<String, String> newTags) {
        return new Repository(repositoryArn, repositoryName, registryId, createdAt, imageTagMutability, scanOnPush,
                encryptionType, kmsKey, newTags, repositoryPolicy, lifecyclePolicy, lifecyclePolicyEvaluatedAt);
    }

    public Repository withRepositoryPolicy(String policy) {
        return new Repository(repositoryArn, repositoryName, registryId, createdAt, imageTagMutability, scanOnPush,
                encryptionType, kmsKey, tags, policy, lifecyclePolicy, lifecyclePolicyEvaluatedAt);
    }

    public Repository withLifecyclePolicy(String policy, Instant evaluatedAt) {
        return new Repository(repositoryArn, repositoryName, registryId, createdAt, imageTagMutability, scanOnPush,
                encryptionType, kmsKey, tags, repositoryPolicy, policy, evaluatedAt);
    }
}

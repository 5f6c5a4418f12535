package dev.ecsd.api.ecr;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.state.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagResourceRequest;
import software.amazon.awssdk.services.ecr.model.TagResourceResponse;
import software.amazon.awssdk.services.ecr.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecr.model.UntagResourceResponse;

/** A repository's tags, by its ARN: TagResource, UntagResource, ListTagsForResource, and CreateRepository's checks. */
final class EcrTags {
    static final int MAX_TAGS = 50;
    private static final Pattern REPOSITORY_ARN = Pattern.compile("arn:aws:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

    private final EcrScope scope;

    EcrTags(EcrScope scope) {
        this.scope = scope;
    }

    TagResourceResponse tagResource(TagResourceRequest request) {
        String name = repositoryName(request.resourceArn());
        scope.store().write(tx -> {
            Repository repository = scope.repository(tx.state(), null, name);
            return tx.put(Kind.ECR_REPOSITORY, repository.withTags(merged(request.tags(), repository.tags())));
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(UntagResourceRequest request) {
        String name = repositoryName(request.resourceArn());
        scope.store().write(tx -> {
            Repository repository = scope.repository(tx.state(), null, name);
            Map<String, String> remaining = new HashMap<>(repository.tags());
            request.tagKeys().forEach(remaining::remove);
            return tx.put(Kind.ECR_REPOSITORY, repository.withTags(remaining));
        });
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        Repository repository = scope.repository(null, repositoryName(request.resourceArn()));
        return ListTagsForResourceResponse.builder().tags(EcrMapper.tags(repository.sortedTags())).build();
    }

    /** The name of the repository an ARN of this region and account names. */
    private String repositoryName(String arn) {
        Matcher matcher = arn == null ? null : REPOSITORY_ARN.matcher(arn);
        if (matcher == null || !matcher.matches()) {
            throw EcrRequests.invalidParameter("resourceArn", "Invalid ARN");
        }
        if (!matcher.group(1).equals(scope.region()) || !matcher.group(2).equals(scope.accountId())) {
            throw EcrScope.repositoryNotFound(matcher.group(3), matcher.group(2));
        }
        return matcher.group(3);
    }

    /** {@code existing} with {@code tags} added, after ECR's checks on each tag and on their number. */
    static Map<String, String> merged(List<Tag> tags, Map<String, String> existing) {
        Map<String, String> merged = new HashMap<>(existing);
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128) {
                throw new ApiException(ErrorType.INVALID_TAG_PARAMETER,
                        "The tag key must be between 1 and 128 characters long.");
            }
            if (tag.key().startsWith("aws:")) {
                throw new ApiException(ErrorType.INVALID_TAG_PARAMETER,
                        "Tag keys that start with 'aws:' are reserved for AWS use.");
            }
            if (tag.value() == null || tag.value().length() > 256) {
                throw new ApiException(ErrorType.INVALID_TAG_PARAMETER,
                        "The tag value must be between 0 and 256 characters long.");
            }
            merged.put(tag.key(), tag.value());
        }
        if (merged.size() > MAX_TAGS) {
            throw new ApiException(ErrorType.TOO_MANY_TAGS_EXCEPTION,
                    "A repository can have at most " + MAX_TAGS + " tags.");
        }
        return merged;
    }
}

package dev.ecsd.api.logs;

import dev.ecsd.logs.Constraints;
import dev.ecsd.logs.LogNames;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceResponse;

/**
 * Tags of log groups, through both generations of the API: TagResource, UntagResource and ListTagsForResource
 * by ARN, and the older TagLogGroup, UntagLogGroup and ListTagsLogGroup by name.
 */
final class LogTagOperations {
    private static final int MAX_TAGS = 50;

    private final SqliteLogStore store;
    private final LogsMapper mapper;

    LogTagOperations(SqliteLogStore store, LogsMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    TagResourceResponse tagResource(TagResourceRequest request) {
        tag(groupOf(request.resourceArn()), request.tags());
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(UntagResourceRequest request) {
        store.untagGroup(groupOf(request.resourceArn()), request.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder().tags(store.tags(groupOf(request.resourceArn()))).build();
    }

    TagLogGroupResponse tagLogGroup(TagLogGroupRequest request) {
        tag(LogNames.checkGroupName(request.logGroupName(), "logGroupName"), request.tags());
        return TagLogGroupResponse.builder().build();
    }

    UntagLogGroupResponse untagLogGroup(UntagLogGroupRequest request) {
        store.untagGroup(LogNames.checkGroupName(request.logGroupName(), "logGroupName"), request.tags());
        return UntagLogGroupResponse.builder().build();
    }

    ListTagsLogGroupResponse listTagsLogGroup(ListTagsLogGroupRequest request) {
        return ListTagsLogGroupResponse.builder()
                .tags(store.tags(LogNames.checkGroupName(request.logGroupName(), "logGroupName")))
                .build();
    }

    private void tag(String group, Map<String, String> tags) {
        store.tagGroup(group, checkTags(tags, store.tags(group)));
    }

    private String groupOf(String resourceArn) {
        if (!Arns.isArn(resourceArn) || !resourceArn.contains(":log-group:")) {
            throw ApiException.invalidParameter("Invalid resourceArn '" + resourceArn
                    + "': ecsd keeps tags on log groups, named by arn:aws:logs:<region>:<account>:log-group:<name>.");
        }
        return mapper.groupName(null, resourceArn);
    }

    /** Checks tags about to be added to a resource that has {@code existing} ones. */
    static Map<String, String> checkTags(Map<String, String> tags, Map<String, String> existing) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key.isEmpty() || key.length() > 128) {
                throw Constraints.violation(key, "tags", "Map keys must have length between 1 and 128");
            }
            if (key.startsWith("aws:")) {
                throw ApiException.invalidParameter("Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw Constraints.violation(tag.getValue(), "tags." + key,
                        "Member must have length less than or equal to 256");
            }
        }
        Map<String, String> merged = new HashMap<>(existing);
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw ApiException.invalidParameter("A log group can have at most " + MAX_TAGS + " tags; this request "
                    + "would give it " + merged.size() + ".");
        }
        return tags;
    }
}

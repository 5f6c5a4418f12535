package dev.ecsd.api.logs;

import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.model.Arns;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.JsonService;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListTagsLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UntagResourceRequest;

/** The Amazon CloudWatch Logs API on the shared endpoint: its operation table. */
public final class LogsApi {
    public static final String TARGET_PREFIX = "Logs_20140328";
    public static final String SIGNING_NAME = "logs";

    private LogsApi() {
    }

    public static JsonService service(SqliteLogStore store, Arns arns) {
        LogsMapper mapper = new LogsMapper(arns);
        LogGroupOperations groups = new LogGroupOperations(store, mapper);
        LogStreamOperations streams = new LogStreamOperations(store, mapper);
        LogEventOperations events = new LogEventOperations(store, mapper);
        LogTagOperations tags = new LogTagOperations(store, mapper);
        return JsonService.builder(TARGET_PREFIX, SIGNING_NAME, CloudWatchLogsClient.class)
                .add(JsonOperation.of("CreateLogGroup", CreateLogGroupRequest::builder, groups::createLogGroup,
                        "logGroupName"))
                .add(JsonOperation.of("DeleteLogGroup", DeleteLogGroupRequest::builder, groups::deleteLogGroup,
                        "logGroupName"))
                .add(JsonOperation.of("DescribeLogGroups", DescribeLogGroupsRequest::builder,
                        groups::describeLogGroups))
                .add(JsonOperation.of("PutRetentionPolicy", PutRetentionPolicyRequest::builder,
                        groups::putRetentionPolicy, "logGroupName", "retentionInDays"))
                .add(JsonOperation.of("DeleteRetentionPolicy", DeleteRetentionPolicyRequest::builder,
                        groups::deleteRetentionPolicy, "logGroupName"))
                .add(JsonOperation.of("PutLogGroupDeletionProtection", PutLogGroupDeletionProtectionRequest::builder,
                        groups::putLogGroupDeletionProtection, "logGroupIdentifier", "deletionProtectionEnabled"))
                .add(JsonOperation.of("CreateLogStream", CreateLogStreamRequest::builder, streams::createLogStream,
                        "logGroupName", "logStreamName"))
                .add(JsonOperation.of("DeleteLogStream", DeleteLogStreamRequest::builder, streams::deleteLogStream,
                        "logGroupName", "logStreamName"))
                .add(JsonOperation.of("DescribeLogStreams", DescribeLogStreamsRequest::builder,
                        streams::describeLogStreams))
                .add(JsonOperation.of("PutLogEvents", PutLogEventsRequest::builder, events::putLogEvents,
                        "logGroupName", "logStreamName", "logEvents"))
                .add(JsonOperation.of("GetLogEvents", GetLogEventsRequest::builder, events::getLogEvents,
                        "logStreamName"))
                .add(JsonOperation.of("FilterLogEvents", FilterLogEventsRequest::builder, events::filterLogEvents))
                .add(JsonOperation.of("TagResource", TagResourceRequest::builder, tags::tagResource,
                        "resourceArn", "tags"))
                .add(JsonOperation.of("UntagResource", UntagResourceRequest::builder, tags::untagResource,
                        "resourceArn", "tagKeys"))
                .add(JsonOperation.of("ListTagsForResource", ListTagsForResourceRequest::builder,
                        tags::listTagsForResource, "resourceArn"))
                .add(JsonOperation.of("TagLogGroup", TagLogGroupRequest::builder, tags::tagLogGroup,
                        "logGroupName", "tags"))
                .add(JsonOperation.of("UntagLogGroup", UntagLogGroupRequest::builder, tags::untagLogGroup,
                        "logGroupName", "tags"))
                .add(JsonOperation.of("ListTagsLogGroup", ListTagsLogGroupRequest::builder, tags::listTagsLogGroup,
                        "logGroupName"))
                .build();
    }
}

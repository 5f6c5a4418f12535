package dev.ecsd.api.logs;

import dev.ecsd.api.Pages;
import dev.ecsd.logs.Constraints;
import dev.ecsd.logs.LogGroup;
import dev.ecsd.logs.LogNames;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.model.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyResponse;

/** CreateLogGroup, DeleteLogGroup, DescribeLogGroups, retention policies and deletion protection. */
final class LogGroupOperations {
    private static final int MAX_GROUPS_PER_PAGE = 50;

    private final SqliteLogStore store;
    private final LogsMapper mapper;

    LogGroupOperations(SqliteLogStore store, LogsMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    CreateLogGroupResponse createLogGroup(CreateLogGroupRequest request) {
        Map<String, String> tags = request.hasTags() ? LogTagOperations.checkTags(request.tags(), Map.of()) : Map.of();
        store.createGroup(request.logGroupName(), tags, Boolean.TRUE.equals(request.deletionProtectionEnabled()));
        return CreateLogGroupResponse.builder().build();
    }

    DeleteLogGroupResponse deleteLogGroup(DeleteLogGroupRequest request) {
        store.deleteGroup(LogNames.checkGroupName(request.logGroupName(), "logGroupName"));
        return DeleteLogGroupResponse.builder().build();
    }

    DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest request) {
        String prefix = request.logGroupNamePrefix();
        String pattern = request.logGroupNamePattern();
        if (prefix != null && pattern != null) {
            throw ApiException.invalidParameter(
                    "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        int limit = Constraints.limit(request.limit(), MAX_GROUPS_PER_PAGE, MAX_GROUPS_PER_PAGE);
        Predicate<String> selected = prefix != null ? name -> name.startsWith(prefix)
                : pattern != null ? name -> name.contains(pattern) : name -> true;
        if (request.hasLogGroupIdentifiers()) {
            Set<String> names = new HashSet<>();
            for (String identifier : request.logGroupIdentifiers()) {
                names.add(mapper.groupName(null, identifier));
            }
            selected = selected.and(names::contains);
        }
        Predicate<String> filter = selected;
        List<LogGroup> groups = store.groups().stream().filter(group -> filter.test(group.name())).toList();
        Pages.Page<LogGroup> page = Pages.page(groups, LogGroup::name, limit, limit, MAX_GROUPS_PER_PAGE,
                request.nextToken());
        return DescribeLogGroupsResponse.builder()
                .logGroups(page.items().stream().map(mapper::group).toList())
                .nextToken(page.nextToken())
                .build();
    }

    PutRetentionPolicyResponse putRetentionPolicy(PutRetentionPolicyRequest request) {
        store.putRetentionPolicy(LogNames.checkGroupName(request.logGroupName(), "logGroupName"),
                request.retentionInDays());
        return PutRetentionPolicyResponse.builder().build();
    }

    DeleteRetentionPolicyResponse deleteRetentionPolicy(DeleteRetentionPolicyRequest request) {
        store.putRetentionPolicy(LogNames.checkGroupName(request.logGroupName(), "logGroupName"), null);
        return DeleteRetentionPolicyResponse.builder().build();
    }

    PutLogGroupDeletionProtectionResponse putLogGroupDeletionProtection(PutLogGroupDeletionProtectionRequest request) {
        store.putDeletionProtection(mapper.groupName(null, request.logGroupIdentifier()),
                request.deletionProtectionEnabled());
        return PutLogGroupDeletionProtectionResponse.builder().build();
    }
}

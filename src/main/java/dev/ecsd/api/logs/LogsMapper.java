package dev.ecsd.api.logs;

import dev.ecsd.logs.LogGroup;
import dev.ecsd.logs.LogNames;
import dev.ecsd.logs.LogStream;
import dev.ecsd.logs.StoredEvent;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Maps the log store's records to the CloudWatch Logs API's shapes. */
final class LogsMapper {
    private final Arns arns;

    LogsMapper(Arns arns) {
        this.arns = arns;
    }

    software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup group(LogGroup group) {
        String arn = arns.logGroup(group.name());
        return software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup.builder()
                .logGroupName(group.name())
                .creationTime(group.creationTime())
                .retentionInDays(group.retentionInDays())
                .metricFilterCount(0)
                .arn(arn + ":*")
                .logGroupArn(arn)
                .storedBytes(group.storedBytes())
                .logGroupClass(LogGroupClass.STANDARD)
                .deletionProtectionEnabled(group.deletionProtectionEnabled())
                .build();
    }

    software.amazon.awssdk.services.cloudwatchlogs.model.LogStream stream(LogStream stream) {
        return software.amazon.awssdk.services.cloudwatchlogs.model.LogStream.builder()
                .logStreamName(stream.name())
                .creationTime(stream.creationTime())
                .firstEventTimestamp(stream.firstEventTimestamp())
                .lastEventTimestamp(stream.lastEventTimestamp())
                .lastIngestionTime(stream.lastIngestionTime())
                .uploadSequenceToken(stream.uploadSequence() > 0 ? sequenceToken(stream) : null)
                .arn(arns.logStream(stream.groupName(), stream.name()))
                .storedBytes(stream.storedBytes())
                .build();
    }

    /**
     * The sequence token after a stream's last append. CloudWatch no longer checks sequence tokens, and neither
     * does ecsd, but clients written for the old rules still read and send them.
     */
    static String sequenceToken(LogStream stream) {
        return String.format("%056d", stream.uploadSequence());
    }

    static OutputLogEvent outputEvent(StoredEvent event) {
        return OutputLogEvent.builder()
                .timestamp(event.timestamp())
                .ingestionTime(event.ingestionTime())
                .message(event.message())
                .build();
    }

    static FilteredLogEvent filteredEvent(StoredEvent event) {
        return FilteredLogEvent.builder()
                .logStreamName(event.streamName())
                .timestamp(event.timestamp())
                .ingestionTime(event.ingestionTime())
                .message(event.message())
                .eventId(String.format("%056d", event.id()))
                .build();
    }

    /**
     * The log group a request names, by {@code logGroupName} or by {@code logGroupIdentifier} (a name or an ARN),
     * exactly one of which it must give.
     */
    String groupName(String logGroupName, String logGroupIdentifier) {
        if (logGroupName != null && logGroupIdentifier != null) {
            throw ApiException.invalidParameter(
                    "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (logGroupName != null) {
            return LogNames.checkGroupName(logGroupName, "logGroupName");
        }
        if (logGroupIdentifier == null) {
            throw ApiException.invalidParameter(
                    "Should provide either name or ARN of the LogGroup (logGroupName or logGroupIdentifier).");
        }
        if (Arns.isArn(logGroupIdentifier)) {
            return arns.logGroupName(logGroupIdentifier).orElseThrow(() -> new ApiException(
                    ErrorType.RESOURCE_NOT_FOUND, "The specified log group does not exist."));
        }
        return LogNames.checkGroupName(logGroupIdentifier, "logGroupIdentifier");
    }
}

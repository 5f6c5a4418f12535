package dev.ecsd.api.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ecsd.control.alarm.AlarmRecords;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.Tag;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmState;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.protocol.JsonOperation;
import dev.ecsd.protocol.ServiceProtocols;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DisableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsRequest;
import software.amazon.awssdk.services.cloudwatch.model.EnableAlarmActionsResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.UntagResourceResponse;

/**
 * The alarm operations of CloudWatch: PutMetricAlarm, DeleteAlarms, SetAlarmState, Enable/DisableAlarmActions and the
 * tags of alarms here; the Describe operations in {@link AlarmQueries}. Evaluation itself is the alarm controller's.
 */
public final class AlarmOperations {
    private static final int MAX_NAMES = 100;

    private final StateStore store;
    private final Arns arns;
    private final Runnable onChange;
    private final AlarmQueries queries;

    /** {@code onChange} hears of a created or updated alarm, so that it is evaluated soon. */
    public AlarmOperations(StateStore store, Arns arns, Runnable onChange) {
        this.store = store;
        this.arns = arns;
        this.onChange = onChange;
        this.queries = new AlarmQueries(store, arns);
    }

    /** Adds the alarm operations to CloudWatch's registration. */
    public void register(ServiceProtocols.Builder builder) {
        builder.add(JsonOperation.of("PutMetricAlarm", PutMetricAlarmRequest::builder, this::putMetricAlarm))
                .add(JsonOperation.of("DeleteAlarms", DeleteAlarmsRequest::builder, this::deleteAlarms))
                .add(JsonOperation.of("SetAlarmState", SetAlarmStateRequest::builder, this::setAlarmState))
                .add(JsonOperation.of("EnableAlarmActions", EnableAlarmActionsRequest::builder,
                        this::enableAlarmActions))
                .add(JsonOperation.of("DisableAlarmActions", DisableAlarmActionsRequest::builder,
                        this::disableAlarmActions))
                .add(JsonOperation.of("TagResource", TagResourceRequest::builder, this::tagResource))
                .add(JsonOperation.of("UntagResource", UntagResourceRequest::builder, this::untagResource))
                .add(JsonOperation.of("ListTagsForResource", ListTagsForResourceRequest::builder,
                        this::listTagsForResource));
        queries.register(builder);
    }

    PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest request) {
        AlarmDefinition definition = AlarmRequests.definition(request, store.now());
        List<Tag> tags = AlarmRequests.tags(request.tags());
        String arn = arns.cloudWatchAlarm(request.alarmName());
        store.write(tx -> {
            Optional<MetricAlarm> existing = tx.find(Kind.METRIC_ALARM, arn);
            if (existing.isEmpty()) {
                MetricAlarm created = tx.put(Kind.METRIC_ALARM, new MetricAlarm(arn, request.alarmName(), definition,
                        AlarmStatus.initial(tx.now()), tags));
                AlarmRecords.recordConfiguration(tx, null, created);
            } else {
                // As in CloudWatch: an update keeps the alarm's state and ignores the tags given.
                MetricAlarm updated = tx.put(Kind.METRIC_ALARM, existing.get().withDefinition(definition));
                AlarmRecords.recordConfiguration(tx, existing.get(), updated);
            }
            return null;
        });
        onChange.run();
        return PutMetricAlarmResponse.builder().build();
    }

    DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest request) {
        AlarmRequests.names(request.alarmNames(), "AlarmNames", MAX_NAMES);
        if (request.alarmNames().isEmpty()) {
            throw AlarmRequests.missing("AlarmNames");
        }
        store.write(tx -> {
            List<MetricAlarm> alarms = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String name : request.alarmNames()) {
                tx.find(Kind.METRIC_ALARM, arns.cloudWatchAlarm(name)).ifPresentOrElse(alarms::add,
                        () -> missing.add(name));
            }
            if (!missing.isEmpty()) {
                // As CloudWatch: on any error no alarm is deleted.
                throw ErrorType.ALARM_NOT_FOUND.exception(missing.size() + " of the alarms were not found: "
                        + missing);
            }
            for (MetricAlarm alarm : alarms) {
                tx.delete(Kind.METRIC_ALARM, alarm.alarmArn());
                for (AlarmState state : AlarmState.values()) {
                    for (String action : alarm.definition().actionsFor(state)) {
                        tx.delete(Kind.ALARM_ACTION_INVOCATION, AlarmActionInvocation.key(action, alarm.alarmArn()));
                    }
                }
                AlarmRecords.recordConfiguration(tx, alarm, null);
            }
            return null;
        });
        return DeleteAlarmsResponse.builder().build();
    }

    SetAlarmStateResponse setAlarmState(SetAlarmStateRequest request) {
        String name = AlarmRequests.alarmName(request.alarmName(), "AlarmName");
        String stateValue = request.stateValueAsString();
        if (stateValue == null) {
            throw AlarmRequests.missing("StateValue");
        }
        AlarmState state;
        try {
            state = AlarmState.valueOf(stateValue);
        } catch (IllegalArgumentException e) {
            throw AlarmRequests.invalid("Invalid value '" + stateValue + "' for StateValue: one of OK, ALARM, "
                    + "INSUFFICIENT_DATA.");
        }
        if (request.stateReason() == null) {
            throw AlarmRequests.missing("StateReason");
        }
        if (request.stateReason().length() > 1023) {
            throw AlarmRequests.invalid("The parameter StateReason must be at most 1023 characters long.");
        }
        String reasonData = request.stateReasonData();
        if (reasonData != null) {
            if (reasonData.length() > 4000) {
                throw AlarmRequests.invalid("The parameter StateReasonData must be at most 4000 characters long.");
            }
            if (!isJsonObject(reasonData)) {
                throw ErrorType.INVALID_FORMAT_FAULT.exception("The parameter StateReasonData must be valid JSON.");
            }
        }
        store.write(tx -> {
            MetricAlarm alarm = tx.find(Kind.METRIC_ALARM, arns.cloudWatchAlarm(name))
                    .orElseThrow(() -> ErrorType.ALARM_NOT_FOUND.exception("Alarm " + name + " not found"));
            AlarmStatus old = alarm.status();
            boolean changed = old.state() != state;
            AlarmStatus status = new AlarmStatus(state, request.stateReason(), reasonData, tx.now(),
                    changed ? tx.now() : old.transitionedAt(), old.lastEvaluatedPeriodEnd());
            AlarmRecords.recordStatus(tx, alarm, status, null,
                    old.lastEvaluatedPeriodEnd() == null ? tx.now() : old.lastEvaluatedPeriodEnd(), false);
            return null;
        });
        return SetAlarmStateResponse.builder().build();
    }

    EnableAlarmActionsResponse enableAlarmActions(EnableAlarmActionsRequest request) {
        setActionsEnabled(request.alarmNames(), true);
        return EnableAlarmActionsResponse.builder().build();
    }

    DisableAlarmActionsResponse disableAlarmActions(DisableAlarmActionsRequest request) {
        setActionsEnabled(request.alarmNames(), false);
        return DisableAlarmActionsResponse.builder().build();
    }

    private void setActionsEnabled(List<String> names, boolean enabled) {
        if (names.isEmpty()) {
            throw AlarmRequests.missing("AlarmNames");
        }
        AlarmRequests.names(names, "AlarmNames", MAX_NAMES);
        store.write(tx -> {
            for (String name : names) {
                // Alarms that do not exist are passed over, as CloudWatch does.
                tx.find(Kind.METRIC_ALARM, arns.cloudWatchAlarm(name)).ifPresent(alarm -> {
                    AlarmDefinition d = alarm.definition();
                    if (d.actionsEnabled() != enabled) {
                        tx.put(Kind.METRIC_ALARM, alarm.withDefinition(new AlarmDefinition(d.description(), enabled,
                                d.okActions(), d.alarmActions(), d.insufficientDataActions(), d.metric(),
                                d.statistic(), d.extendedStatistic(), d.periodSeconds(), d.unit(),
                                d.evaluationPeriods(), d.datapointsToAlarm(), d.threshold(), d.comparisonOperator(),
                                d.treatMissingData(), d.evaluateLowSampleCountPercentile(),
                                d.configurationUpdatedAt())));
                    }
                });
            }
            return null;
        });
    }

    TagResourceResponse tagResource(TagResourceRequest request) {
        List<Tag> tags = AlarmRequests.tags(request.tags());
        if (!request.hasTags()) {
            throw AlarmRequests.missing("Tags");
        }
        store.write(tx -> {
            MetricAlarm alarm = taggable(tx, request.resourceARN());
            Map<String, String> merged = new LinkedHashMap<>();
            alarm.tags().forEach(tag -> merged.put(tag.key(), tag.value()));
            tags.forEach(tag -> merged.put(tag.key(), tag.value()));
            if (merged.size() > AlarmRequests.MAX_TAGS) {
                throw AlarmRequests.invalid("A resource can have at most " + AlarmRequests.MAX_TAGS + " tags.");
            }
            tx.put(Kind.METRIC_ALARM, alarm.withTags(merged.entrySet().stream()
                    .map(e -> new Tag(e.getKey(), e.getValue())).toList()));
            return null;
        });
        return TagResourceResponse.builder().build();
    }

    UntagResourceResponse untagResource(UntagResourceRequest request) {
        if (!request.hasTagKeys()) {
            throw AlarmRequests.missing("TagKeys");
        }
        store.write(tx -> {
            MetricAlarm alarm = taggable(tx, request.resourceARN());
            tx.put(Kind.METRIC_ALARM, alarm.withTags(alarm.tags().stream()
                    .filter(tag -> !request.tagKeys().contains(tag.key())).toList()));
            return null;
        });
        return UntagResourceResponse.builder().build();
    }

    ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        MetricAlarm alarm = taggable(store.snapshot(), request.resourceARN());
        return ListTagsForResourceResponse.builder().tags(AlarmMapper.tags(alarm.tags())).build();
    }

    private MetricAlarm taggable(Transaction tx, String resourceArn) {
        return taggable(tx.state(), resourceArn);
    }

    private MetricAlarm taggable(Snapshot state, String resourceArn) {
        if (resourceArn == null) {
            throw AlarmRequests.missing("ResourceARN");
        }
        String prefix = arns.cloudWatchAlarm("");
        if (!resourceArn.startsWith("arn:aws:cloudwatch:") || !resourceArn.contains(":alarm:")
                && !resourceArn.contains(":insight-rule:")) {
            throw AlarmRequests.invalid("Invalid ResourceARN '" + resourceArn + "': ecsd tags CloudWatch alarms, "
                    + "arn:aws:cloudwatch:<region>:<account>:alarm:<name>.");
        }
        Optional<MetricAlarm> alarm = resourceArn.startsWith(prefix) ? state.find(Kind.METRIC_ALARM, resourceArn)
                : Optional.empty();
        return alarm.orElseThrow(() -> ErrorType.RESOURCE_NOT_FOUND.exception("The specified resource does not exist."));
    }

    private static boolean isJsonObject(String json) {
        try {
            return ModelJson.MAPPER.readTree(json).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}

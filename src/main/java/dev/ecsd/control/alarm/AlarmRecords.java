package dev.ecsd.control.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.cloudwatch.AlarmActionInvocation;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmHistoryItem;
import dev.ecsd.model.cloudwatch.AlarmStatus;
import dev.ecsd.model.cloudwatch.MetricAlarm;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an alarm's changes write, in the transaction that makes them: its new status, a history item for each state
 * or configuration change, and its actions — an {@link AlarmActionInvocation} for each Application Auto Scaling
 * policy, on entering the state and again at every evaluation while it stays there (as CloudWatch re-invokes Auto
 * Scaling actions), and for every other action an Action history item saying ecsd could not deliver it. Shared by
 * alarm evaluation and the API (PutMetricAlarm, SetAlarmState, DeleteAlarms).
 */
public final class AlarmRecords {
    /** How long CloudWatch keeps alarm history. */
    public static final Duration HISTORY_RETENTION = Duration.ofDays(30);

    private AlarmRecords() {
    }

    /** Whether an action ARN names an Application Auto Scaling policy, the only action ecsd carries out. */
    public static boolean isScalingPolicy(String actionArn) {
        return actionArn.startsWith("arn:aws:autoscaling:") && actionArn.contains(":scalingPolicy:");
    }

    /**
     * Writes an alarm's new status. On a state change, a StateUpdate history item and the new state's actions; with
     * no change, the Auto Scaling actions of the state it stays in ({@code reinvoke}, as evaluation does every
     * period).
     */
    public static MetricAlarm recordStatus(Transaction tx, MetricAlarm alarm, AlarmStatus status, Double metricValue,
            Instant periodEnd, boolean reinvoke) {
        MetricAlarm updated = tx.put(Kind.METRIC_ALARM, alarm.withStatus(status));
        AlarmStatus old = alarm.status();
        boolean changed = old.state() != status.state();
        if (changed) {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("version", "1.0");
            data.putObject("oldState").put("stateValue", old.state().name()).put("stateReason", old.reason());
            ObjectNode newState = data.putObject("newState");
            newState.put("stateValue", status.state().name()).put("stateReason", status.reason());
            if (status.reasonData() != null) {
                newState.set("stateReasonData", parse(status.reasonData()));
            }
            history(tx, alarm, AlarmHistoryItem.STATE_UPDATE,
                    "Alarm updated from " + old.state() + " to " + status.state(), data.toString());
        }
        if (!changed && !reinvoke || !alarm.definition().actionsEnabled()) {
            return updated;
        }
        for (String action : alarm.definition().actionsFor(status.state())) {
            if (isScalingPolicy(action)) {
                tx.put(Kind.ALARM_ACTION_INVOCATION, new AlarmActionInvocation(action, alarm.alarmArn(),
                        alarm.alarmName(), status.state(), metricValue, alarm.definition().threshold(),
                        alarm.definition().comparisonOperator(), periodEnd, tx.now()));
                if (changed) {
                    history(tx, alarm, AlarmHistoryItem.ACTION, "Successfully executed action " + action,
                            actionData("Succeeded", action, tx.now(), null));
                }
            } else if (changed) {
                history(tx, alarm, AlarmHistoryItem.ACTION, "Failed to execute action " + action,
                        actionData("Failed", action, tx.now(), "ecsd carries out only Application Auto Scaling "
                                + "policy actions; this action was not delivered"));
            }
        }
        return updated;
    }

    /** A ConfigurationUpdate item for an alarm created ({@code before} null), updated or deleted ({@code after} null). */
    public static void recordConfiguration(Transaction tx, MetricAlarm before, MetricAlarm after) {
        MetricAlarm alarm = after != null ? after : before;
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("version", "1.0");
        String verb;
        if (before == null) {
            data.put("type", "Create");
            data.set("createdAlarm", describe(after));
            verb = "created";
        } else if (after == null) {
            data.put("type", "Delete");
            data.set("deletedAlarm", describe(before));
            verb = "deleted";
        } else {
            data.put("type", "Update");
            data.set("originalAlarm", describe(before));
            data.set("updatedAlarm", describe(after));
            verb = "updated";
        }
        history(tx, alarm, AlarmHistoryItem.CONFIGURATION_UPDATE, "Alarm \"" + alarm.alarmName() + "\" " + verb,
                data.toString());
    }

    /** Deletes the history items older than CloudWatch keeps them; returns how many. */
    public static int expireHistory(Transaction tx, Instant now) {
        Instant oldest = now.minus(HISTORY_RETENTION);
        List<String> expired = tx.state().all(Kind.ALARM_HISTORY).filter(item -> item.timestamp().isBefore(oldest))
                .map(AlarmHistoryItem::id).toList();
        expired.forEach(id -> tx.delete(Kind.ALARM_HISTORY, id));
        return expired.size();
    }

    static void history(Transaction tx, MetricAlarm alarm, String type, String summary, String data) {
        int ordinal = 0;
        while (tx.find(Kind.ALARM_HISTORY, AlarmHistoryItem.id(alarm.alarmArn(), tx.now(), ordinal)).isPresent()) {
            ordinal++;
        }
        tx.put(Kind.ALARM_HISTORY, new AlarmHistoryItem(AlarmHistoryItem.id(alarm.alarmArn(), tx.now(), ordinal),
                alarm.alarmArn(), alarm.alarmName(), tx.now(), type, summary, data));
    }

    private static String actionData(String actionState, String action, Instant at, String error) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("actionState", actionState).put("stateUpdateTimestamp", at.toEpochMilli())
                .put("notificationResource", action);
        if (error != null) {
            data.put("error", error);
        }
        return data.toString();
    }

    /** The alarm as CloudWatch describes it in history data. */
    private static ObjectNode describe(MetricAlarm alarm) {
        AlarmDefinition d = alarm.definition();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("alarmName", alarm.alarmName()).put("alarmArn", alarm.alarmArn());
        if (d.description() != null) {
            node.put("alarmDescription", d.description());
        }
        node.put("actionsEnabled", d.actionsEnabled());
        strings(node.putArray("oKActions"), d.okActions());
        strings(node.putArray("alarmActions"), d.alarmActions());
        strings(node.putArray("insufficientDataActions"), d.insufficientDataActions());
        node.put("namespace", d.metric().namespace()).put("metricName", d.metric().metricName());
        ArrayNode dimensions = node.putArray("dimensions");
        d.metric().dimensions().forEach((name, value) -> dimensions.addObject().put("name", name).put("value", value));
        if (d.statistic() != null) {
            node.put("statistic", d.statistic());
        } else {
            node.put("extendedStatistic", d.extendedStatistic());
        }
        node.put("period", d.periodSeconds());
        if (d.unit() != null) {
            node.put("unit", d.unit());
        }
        node.put("evaluationPeriods", d.evaluationPeriods()).put("datapointsToAlarm", d.datapointsToAlarm())
                .put("threshold", d.threshold()).put("comparisonOperator", d.comparisonOperator())
                .put("treatMissingData", d.treatMissingData() == null ? "missing" : d.treatMissingData());
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        if (values != null) {
            values.forEach(array::add);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return ModelJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(json); // SetAlarmState's reason data is checked as JSON first
        }
    }
}

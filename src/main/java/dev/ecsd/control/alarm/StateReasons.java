package dev.ecsd.control.alarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.cloudwatch.AlarmDefinition;
import dev.ecsd.model.cloudwatch.AlarmState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** CloudWatch's StateReason sentences and StateReasonData JSON for one evaluation of an alarm. */
final class StateReasons {
    /** As in "85.1 (03/12/26 10:01:00)": day/month/year, UTC. */
    static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** As in "2026-12-03T10:01:00.000+0000". */
    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final AlarmDefinition definition;
    private final Comparison comparison;
    private final Instant queryDate;

    StateReasons(AlarmDefinition definition, Comparison comparison, Instant queryDate) {
        this.definition = definition;
        this.comparison = comparison;
        this.queryDate = queryDate;
    }

    /**
     * "Threshold Crossed: 3 datapoints [...] were greater than the threshold (70.0)." when every evaluated datapoint
     * says so, else "Threshold Crossed: 2 out of the last 3 datapoints [...] were greater than the threshold (70.0)
     * (minimum 2 datapoints for OK -> ALARM transition)."; {@code listed} are the datapoints that decided, newest
     * first.
     */
    String crossed(AlarmState from, AlarmState to, List<Datapoint> evaluated, List<Datapoint> listed, int filled,
            String filledAs) {
        int n = evaluated.size() + filled;
        boolean alarm = to == AlarmState.ALARM;
        String verb = (listed.size() == 1 ? "was " : "were ") + (alarm ? "" : "not ") + comparison.words();
        StringBuilder reason = new StringBuilder("Threshold Crossed: ");
        if (listed.size() == n) {
            reason.append(count(n)).append(' ').append(list(listed));
        } else {
            reason.append(listed.size()).append(" out of the last ").append(count(n)).append(' ').append(list(listed));
        }
        reason.append(' ').append(verb).append(" the threshold (").append(definition.threshold()).append(')');
        if (filled > 0) {
            reason.append(" and ").append(filled).append(" missing datapoint").append(filled == 1 ? " was" : "s were")
                    .append(" treated as [").append(filledAs).append(']');
        }
        if (listed.size() != n) {
            int minimum = alarm ? definition.datapointsToAlarm()
                    : definition.evaluationPeriods() - definition.datapointsToAlarm() + 1;
            reason.append(" (minimum ").append(count(minimum)).append(" for ").append(from).append(" -> ").append(to)
                    .append(" transition)");
        }
        return reason.append('.').toString();
    }

    /** "Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [...]." */
    String allMissingTreatedAs(int n, String treatedAs) {
        return "Threshold Crossed: no datapoints were received for " + n + (n == 1 ? " period" : " periods") + " and "
                + n + " missing" + (n == 1 ? " datapoint was" : " datapoints were")
                + " treated as [" + treatedAs + "].";
    }

    /** "Insufficient Data: 3 datapoints were unknown." */
    String unknown(int n) {
        return "Insufficient Data: " + count(n) + (n == 1 ? " was" : " were") + " unknown.";
    }

    /**
     * The StateReasonData JSON: the query, the statistic, the recent datapoints' values (oldest first), the threshold
     * and the evaluated datapoints (newest first). With no datapoint, {@code periodStarts} gives the start date.
     */
    String data(List<Datapoint> evaluated, List<Instant> periodStarts, int n) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", "1.0");
        node.put("queryDate", DATA_TIME.format(queryDate));
        Instant start = !evaluated.isEmpty() ? evaluated.getLast().timestamp()
                : periodStarts != null && !periodStarts.isEmpty()
                        ? periodStarts.get(Math.max(0, periodStarts.size() - n)) : null;
        if (start != null) {
            node.put("startDate", DATA_TIME.format(start));
        }
        if (definition.unit() != null) {
            node.put("unit", definition.unit());
        }
        if (definition.statistic() != null) {
            node.put("statistic", definition.statistic());
        } else {
            node.put("extendedStatistic", definition.extendedStatistic());
        }
        node.put("period", definition.periodSeconds());
        ArrayNode recent = node.putArray("recentDatapoints");
        evaluated.reversed().forEach(d -> recent.add(d.value()));
        node.put("threshold", definition.threshold());
        if (!evaluated.isEmpty()) {
            ArrayNode points = node.putArray("evaluatedDatapoints");
            for (Datapoint datapoint : evaluated) {
                points.addObject().put("timestamp", DATA_TIME.format(datapoint.timestamp()))
                        .put("sampleCount", datapoint.sampleCount()).put("value", datapoint.value());
            }
        }
        return node.toString();
    }

    private static String count(int n) {
        return n + (n == 1 ? " datapoint" : " datapoints");
    }

    private static String list(List<Datapoint> datapoints) {
        return datapoints.stream().map(d -> d.value() + " (" + REASON_TIME.format(d.timestamp()) + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}

package dev.ecsd.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.control.SpotInterruptions;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.Task;
import dev.ecsd.protocol.Reply;
import dev.ecsd.protocol.SigV4Verifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /_ecsd/spot-interruption}: an operator reclaims Fargate Spot capacity, as AWS does. {@code ?task=<arn>}
 * interrupts one FARGATE_SPOT task; {@code ?cluster=<name or arn>&count=<n>} (count 1 by default) the n longest
 * running ones of a cluster. Answers the interrupted tasks as JSON, or an AWS-style error.
 */
final class SpotInterruptionRoute {
    static final String PATH = "/_ecsd/spot-interruption";

    private final SpotInterruptions interruptions;
    private final Arns arns;

    SpotInterruptionRoute(SpotInterruptions interruptions, Arns arns) {
        this.interruptions = interruptions;
        this.arns = arns;
    }

    Reply handle(SigV4Verifier.HttpRequestParts request) {
        Map<String, String> query = query(request.rawQuery());
        try {
            List<Task> interrupted;
            if (query.containsKey("task") == query.containsKey("cluster")) {
                throw ApiException.invalidParameter("Name either task=<task ARN> or cluster=<cluster name or ARN> "
                        + "(with count=<n>, 1 by default).");
            } else if (query.containsKey("task")) {
                interrupted = List.of(interruptions.interruptTask(query.get("task")));
            } else {
                String cluster = query.get("cluster");
                interrupted = interruptions.interruptInCluster(Arns.isArn(cluster) ? cluster : arns.cluster(cluster),
                        count(query.getOrDefault("count", "1")));
            }
            ObjectNode body = ModelJson.MAPPER.createObjectNode();
            ArrayNode tasks = body.putArray("interruptedTasks");
            for (Task task : interrupted) {
                tasks.addObject().put("taskArn", task.taskArn()).put("stopCode", task.stopCode().name())
                        .put("stoppedReason", task.stoppedReason())
                        .put("stoppingAt", task.stoppingAt().toString());
            }
            return Reply.json(200, body.toString());
        } catch (ApiException e) {
            ObjectNode error = ModelJson.MAPPER.createObjectNode().put("__type", e.type().code())
                    .put("message", e.getMessage());
            return Reply.json(e.type() == ErrorType.RESOURCE_NOT_FOUND ? 404 : e.type().httpStatus(), error.toString());
        }
    }

    private static int count(String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidParameter("count must be a whole number of at least 1, not '" + value + "'.");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }
}

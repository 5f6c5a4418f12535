package dev.ecsd.agent.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.channel.TaskAssignment;
import dev.ecsd.channel.TaskProtectionState;
import dev.ecsd.model.Lists;
import dev.ecsd.model.TaskContainer;
import dev.ecsd.secrets.TemporaryCredentials;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The routes of the task endpoint, as the ECS agent answers them: role credentials at {@code /v2/credentials/<id>},
 * task metadata versions 3 and 4 at {@code /v3/<id>} and {@code /v4/<id>} with {@code /task}, {@code /stats} and
 * {@code /task/stats}. Credentials go only to a request that comes from an address of the task that owns them, so an id
 * that leaked to another task gives it nothing. No I/O of its own: what it knows comes from an
 * {@link EndpointDirectory}.
 */
public final class TaskEndpointRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIALS_PREFIX = "/v2/credentials";
    private static final String ERROR_PREFIX = "CredentialsV2Request: ";
    /** {@code ECS_AGENT_URI} is {@code http://169.254.170.2/api/<id>}, as the ECS agent sets it. */
    static final String AGENT_API_PREFIX = "/api/";
    private static final String PROTECTION_PATH = "/task-protection/v1/state";

    private final EndpointDirectory directory;

    public TaskEndpointRoutes(EndpointDirectory directory) {
        this.directory = directory;
    }

    /** An answer: an HTTP status and its JSON body. */
    public record Answer(int status, String body) {
    }

    public Answer answer(String method, String path, String sourceAddress) {
        return answer(method, path, sourceAddress, "");
    }

    /** The answer to a request; {@code body} matters only to a PUT of task protection. */
    public Answer answer(String method, String path, String sourceAddress, String body) {
        if (path.startsWith(AGENT_API_PREFIX)) {
            return agentApi(method, path.substring(AGENT_API_PREFIX.length()), sourceAddress, body);
        }
        if (!"GET".equals(method)) {
            return new Answer(405, json("Method not allowed: the task endpoint answers GET only"));
        }
        if (path.equals(CREDENTIALS_PREFIX) || path.startsWith(CREDENTIALS_PREFIX + "/")) {
            return credentials(path.substring(Math.min(path.length(), CREDENTIALS_PREFIX.length() + 1)), sourceAddress);
        }
        if (path.startsWith("/v4/")) {
            return metadata(path.substring(4), TaskMetadata.Version.V4);
        }
        if (path.startsWith("/v3/")) {
            return metadata(path.substring(4), TaskMetadata.Version.V3);
        }
        return new Answer(404, json("Not found: " + path));
    }

    private Answer credentials(String id, String sourceAddress) {
        if (id.isEmpty()) {
            return credentialsError(400, "NoIdInRequest", "No Credential ID in the request");
        }
        Optional<TaskAssignment> owner = directory.byCredentialsId(id);
        // an id from another task's address is answered as an unknown one: it tells the caller nothing
        if (owner.isEmpty() || !fromTask(owner.get(), sourceAddress)) {
            return credentialsError(400, "InvalidIdInRequest", "Credentials not found");
        }
        Optional<TemporaryCredentials> credentials = directory.credentials(owner.get().taskArn());
        if (credentials.isEmpty()) {
            return credentialsError(400, "InvalidIdInRequest", "Credentials not found");
        }
        TemporaryCredentials issued = credentials.get();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("RoleArn", issued.roleArn());
        json.put("AccessKeyId", issued.accessKeyId());
        json.put("SecretAccessKey", issued.secretAccessKey());
        json.put("Token", issued.sessionToken());
        json.put("Expiration", issued.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
        return new Answer(200, write(json));
    }

    /**
     * Whether {@code sourceAddress} is an address of the task: of one of its containers (or its network container).
     * A container on the host's network has the host's addresses, so it calls from loopback.
     */
    private boolean fromTask(TaskAssignment assignment, String sourceAddress) {
        if (sourceAddress == null) {
            return false;
        }
        if (assignment.definition() != null && "host".equals(assignment.definition().effectiveNetworkMode())) {
            return isLoopback(sourceAddress);
        }
        return directory.containers(assignment.taskArn()).stream()
                .filter(ContainerObservation::isRunning)
                .map(ContainerObservation::ipAddress)
                .anyMatch(sourceAddress::equals);
    }

    /**
     * The agent API under {@code ECS_AGENT_URI}: {@code task-protection/v1/state}, GET to read and PUT
     * {@code {"ProtectionEnabled": …, "ExpiresInMinutes": …}} to set the task's scale-in protection, answered as the
     * ECS agent answers ({@code {"protection": …}}, {@code {"failure": …}} or {@code {"error": …}}). Only the task's
     * own containers may call it.
     */
    private Answer agentApi(String method, String rest, String sourceAddress, String body) {
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String what = slash < 0 ? "" : rest.substring(slash);
        Optional<EndpointDirectory.MetadataOwner> owner = directory.byMetadataId(id);
        if (owner.isEmpty() || !fromTask(owner.get().assignment(), sourceAddress)) {
            return new Answer(404, json("Not found: unknown endpoint id " + id));
        }
        if (!PROTECTION_PATH.equals(what)) {
            return new Answer(404, json("Not found: " + what));
        }
        String taskArn = owner.get().assignment().taskArn();
        if ("GET".equals(method)) {
            return protection(directory.taskProtection(taskArn, null, null));
        }
        if (!"PUT".equals(method)) {
            return new Answer(405, json("Method not allowed: task protection answers GET and PUT"));
        }
        ProtectionRequest request = ProtectionRequest.parse(body);
        if (request == null) {
            return protectionError(taskArn, "UpdateTaskProtection: failed to decode request");
        }
        if (request.minutes() != null && !validMinutes(request.minutes())) {
            return protectionError(taskArn, "expiresInMinutes must be between 1 and 2880 minutes; the request gives "
                    + request.minutes() + ".");
        }
        return protection(directory.taskProtection(taskArn, request.enabled(), request.minutes()));
    }

    private static boolean validMinutes(int minutes) {
        return minutes >= 1 && minutes <= 2880;
    }

    private static Answer protection(TaskProtectionState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (state.failed()) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("Arn", state.taskArn());
            failure.put("Detail", state.failureDetail());
            failure.put("Reason", state.failureReason());
            json.put("failure", failure);
            return new Answer(200, write(json));
        }
        Map<String, Object> protection = new LinkedHashMap<>();
        if (state.expirationDate() != null) {
            protection.put("ExpirationDate", state.expirationDate().toString());
        }
        protection.put("ProtectionEnabled", state.protectionEnabled());
        protection.put("TaskArn", state.taskArn());
        json.put("protection", protection);
        return new Answer(200, write(json));
    }

    private static Answer protectionError(String taskArn, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Arn", taskArn);
        error.put("Code", "InvalidParameterException");
        error.put("Message", message);
        return new Answer(400, write(Map.of("error", error)));
    }

    /** A PUT's body: {@code ProtectionEnabled} is required, {@code ExpiresInMinutes} optional; null if unreadable. */
    private record ProtectionRequest(boolean enabled, Integer minutes) {
        static ProtectionRequest parse(String body) {
            try {
                JsonNode node = JSON.readTree(body == null ? "" : body);
                if (node == null || !node.isObject() || !node.path("ProtectionEnabled").isBoolean()) {
                    return null;
                }
                JsonNode minutes = node.get("ExpiresInMinutes");
                if (minutes != null && !minutes.isNull() && !minutes.canConvertToInt()) {
                    return null;
                }
                return new ProtectionRequest(node.get("ProtectionEnabled").booleanValue(),
                        minutes == null || minutes.isNull() ? null : minutes.intValue());
            } catch (JsonProcessingException e) {
                return null;
            }
        }
    }

    private Answer metadata(String rest, TaskMetadata.Version version) {
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        String what = slash < 0 ? "" : rest.substring(slash);
        String handler = version == TaskMetadata.Version.V4 ? "V4" : "V3";
        Optional<EndpointDirectory.MetadataOwner> owner = directory.byMetadataId(id);
        if (owner.isEmpty() || owner.get().assignment().isRemoval() || owner.get().assignment().definition() == null) {
            return new Answer(404, json(handler + " container metadata handler: unable to get container ID from "
                    + "request: unknown endpoint id " + id));
        }
        TaskAssignment assignment = owner.get().assignment();
        String container = owner.get().containerName();
        Map<String, ContainerObservation> observed = directory.containers(assignment.taskArn()).stream()
                .collect(Collectors.toMap(ContainerObservation::id, o -> o, (a, b) -> a, LinkedHashMap::new));
        return switch (what) {
            case "", "/" -> new Answer(200, write(TaskMetadata.container(assignment.task(), assignment.definition(),
                    container, observed, version)));
            case "/task", "/task/" -> new Answer(200, write(TaskMetadata.task(assignment.task(),
                    assignment.definition(), observed, version)));
            case "/stats", "/stats/" -> containerStats(assignment, container);
            case "/task/stats", "/task/stats/" -> taskStats(assignment);
            default -> new Answer(404, json("Not found: " + what));
        };
    }

    private Answer containerStats(TaskAssignment assignment, String container) {
        String runtimeId = runtimeIds(assignment).get(container);
        String stats = runtimeId == null ? null : directory.statsJson(runtimeId).orElse(null);
        return new Answer(200, stats == null ? "{}" : stats);
    }

    private Answer taskStats(TaskAssignment assignment) {
        StringBuilder body = new StringBuilder("{");
        for (String runtimeId : runtimeIds(assignment).values()) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append(write(runtimeId)).append(':').append(directory.statsJson(runtimeId).orElse("null"));
        }
        return new Answer(200, body.append('}').toString());
    }

    private static Map<String, String> runtimeIds(TaskAssignment assignment) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (TaskContainer container : Lists.orEmpty(assignment.task().containers())) {
            if (container.runtimeId() != null) {
                ids.put(container.name(), container.runtimeId());
            }
        }
        return ids;
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
    }

    private static Answer credentialsError(int status, String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", ERROR_PREFIX + message);
        return new Answer(status, write(json));
    }

    /** An error as the metadata handlers write it: a JSON string. */
    private static String json(String message) {
        return write(message);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the task endpoint's answer", e);
        }
    }
}

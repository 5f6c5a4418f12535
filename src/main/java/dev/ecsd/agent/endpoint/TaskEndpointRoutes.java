package dev.ecsd.agent.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.channel.TaskAssignment;
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

    private final EndpointDirectory directory;

    public TaskEndpointRoutes(EndpointDirectory directory) {
        this.directory = directory;
    }

    /** An answer: an HTTP status and its JSON body. */
    public record Answer(int status, String body) {
    }

    public Answer answer(String method, String path, String sourceAddress) {
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

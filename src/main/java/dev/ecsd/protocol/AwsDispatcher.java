package dev.ecsd.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Answers signed AWS requests. AWS JSON 1.1 requests route by {@code X-Amz-Target}: the signature is verified,
 * the request read into its SDK model type, the operation called and its answer or its AWS error written as JSON.
 * AWS Query requests (a form, or an {@code Action} in the query string, and no {@code X-Amz-Target}) go to the
 * {@link QueryService}s, answered in XML. Whatever a request holds, the answer is an AWS error or a response,
 * never a crash.
 */
public final class AwsDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AwsDispatcher.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final SigV4Verifier verifier;
    private final List<JsonService> services;
    private final QueryDispatcher query;

    /** A dispatcher for AWS JSON services only. */
    public AwsDispatcher(SigV4Verifier verifier, List<JsonService> services) {
        this(verifier, services, List.of());
    }

    public AwsDispatcher(SigV4Verifier verifier, List<JsonService> jsonServices, List<QueryService> queryServices) {
        this.verifier = verifier;
        this.services = List.copyOf(jsonServices);
        this.query = new QueryDispatcher(verifier, queryServices);
    }

    public Reply handle(SigV4Verifier.HttpRequestParts request) {
        String requestId = UUID.randomUUID().toString();
        String target = request.header("X-Amz-Target");
        if (target == null && QueryDispatcher.isQueryRequest(request)) {
            return query.handle(request, requestId);
        }
        try {
            SigV4Verifier.Signed signed = verifier.verify(request);
            if (!"POST".equalsIgnoreCase(request.method())) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION,
                        "AWS JSON operations are sent with POST, not " + request.method() + ".");
            }
            if (target == null || target.isBlank()) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION,
                        "The request has no X-Amz-Target header naming the operation.");
            }
            int dot = target.lastIndexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            String operationName = dot < 0 ? "" : target.substring(dot + 1);
            JsonService service = services.stream().filter(s -> s.targetPrefix().equals(prefix)).findFirst()
                    .orElseThrow(() -> new ApiException(ErrorType.UNKNOWN_OPERATION,
                            "Unknown operation " + target + ": no service of ecsd answers to '" + prefix + "'."));
            if (!service.hasOperation(operationName)) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION,
                        "Unknown operation " + target + ".");
            }
            if (!service.signingName().equals(signed.service())) {
                throw new ApiException(ErrorType.INVALID_SIGNATURE, "Credential should be scoped to correct service: '"
                        + service.signingName() + "', not '" + signed.service() + "'.");
            }
            JsonOperation<?, ?> operation = service.implementation(operationName)
                    .orElseThrow(() -> new ApiException(ErrorType.NOT_IMPLEMENTED, "Operation " + operationName + " of "
                            + service.signingName() + " is not implemented by ecsd yet."));
            SdkPojo response = invoke(operation, parseBody(request.body()));
            byte[] body = JSON.writeValueAsBytes(AwsJsonCodec.write(response));
            LOG.debug("{} {} -> 200", requestId, target);
            return new Reply(200, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId), body);
        } catch (ApiException e) {
            LOG.debug("{} {} -> {} {}", requestId, target, e.type().code(), e.getMessage());
            return error(e.type(), e.getMessage(), requestId);
        } catch (RuntimeException | IOException e) {
            LOG.error("{} {} failed with an internal error", requestId, target, e);
            return error(ErrorType.SERVER, "An internal error occurred in ecsd (request id " + requestId
                    + "); the server log has the details.", requestId);
        }
    }

    /**
     * The answer for a request whose body is larger than the server accepts, in the protocol the request speaks;
     * {@code request} holds its method, path, query and headers (the body is not needed, and not read).
     */
    public static Reply tooLarge(long limit, SigV4Verifier.HttpRequestParts request) {
        String message = "The request body is larger than the " + limit + " bytes ecsd accepts.";
        String requestId = UUID.randomUUID().toString();
        if (request.header("X-Amz-Target") == null && QueryDispatcher.isQueryRequest(request)) {
            return QueryDispatcher.error(ErrorType.REQUEST_ENTITY_TOO_LARGE, message, requestId, null);
        }
        return error(ErrorType.REQUEST_ENTITY_TOO_LARGE, message, requestId);
    }

    public static Reply error(ErrorType type, String message, String requestId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type.code());
        body.put("message", message);
        try {
            return new Reply(type.httpStatus(), CONTENT_TYPE,
                    Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", type.code()),
                    JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseBody(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ApiException(ErrorType.SERIALIZATION, "The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new ApiException(ErrorType.SERIALIZATION, "The request body is not valid JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <Q, R extends SdkPojo> SdkPojo invoke(JsonOperation<Q, R> operation, JsonNode body) {
        for (String member : operation.requiredMembers()) {
            JsonNode value = body.get(member);
            if (value == null || value.isNull()) {
                throw new ApiException(ErrorType.INVALID_PARAMETER,
                        "The request is missing the required parameter '" + member + "'.");
            }
        }
        Q request = AwsJsonCodec.read(body, operation.requestBuilder());
        Function<Q, R> handler = operation.handler();
        SdkPojo response = handler.apply(request);
        if (response == null) {
            throw new IllegalStateException(operation.name() + " returned no response");
        }
        return response;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

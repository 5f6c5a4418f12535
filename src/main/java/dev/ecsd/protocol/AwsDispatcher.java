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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Answers signed AWS requests. AWS JSON 1.0 and 1.1 requests route by {@code X-Amz-Target}: the signature is
 * verified, the request read into its SDK model type, the operation called and its answer or its AWS error written
 * as JSON of the request's version. Smithy RPC v2 CBOR requests ({@code POST /service/<name>/operation/<Op>}) go
 * to the same services, answered in CBOR. AWS Query requests (a form, or an {@code Action} in the query string, and
 * no {@code X-Amz-Target}) go to the {@link QueryService}s, answered in XML. A JSON or CBOR client in
 * query-compatible mode ({@code x-amzn-query-mode: true}) also gets the Query code of an error, in
 * {@code x-amzn-query-error}. Whatever a request holds, the answer is an AWS error or a response, never a crash.
 */
public final class AwsDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AwsDispatcher.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    static final String QUERY_MODE = "x-amzn-query-mode";
    static final String QUERY_ERROR = "x-amzn-query-error";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final SigV4Verifier verifier;
    private final List<JsonService> services;
    private final QueryDispatcher query;
    private final RpcV2CborDispatcher rpcV2;

    /** A dispatcher for AWS JSON services only. */
    public AwsDispatcher(SigV4Verifier verifier, List<JsonService> services) {
        this(verifier, services, List.of());
    }

    public AwsDispatcher(SigV4Verifier verifier, List<JsonService> jsonServices, List<QueryService> queryServices) {
        this.verifier = verifier;
        this.services = List.copyOf(jsonServices);
        Set<String> jsonNames = new TreeSet<>();
        jsonServices.forEach(service -> jsonNames.add(service.signingName()));
        this.query = new QueryDispatcher(verifier, queryServices, jsonNames);
        this.rpcV2 = new RpcV2CborDispatcher(verifier, this.services);
    }

    /** A dispatcher for services each registered once for all the protocols it speaks. */
    public static AwsDispatcher serving(SigV4Verifier verifier, List<ServiceProtocols> services) {
        return new AwsDispatcher(verifier,
                services.stream().flatMap(service -> service.json().stream()).toList(),
                services.stream().flatMap(service -> service.query().stream()).toList());
    }

    public Reply handle(SigV4Verifier.HttpRequestParts request) {
        String requestId = UUID.randomUUID().toString();
        String target = request.header("X-Amz-Target");
        if (RpcV2CborDispatcher.isRpcV2Request(request)) {
            return rpcV2.handle(request, requestId);
        }
        if (target == null && QueryDispatcher.isQueryRequest(request)) {
            return query.handle(request, requestId);
        }
        String contentType = jsonContentType(request);
        JsonService service = null;
        try {
            SigV4Verifier.Signed signed = verifier.verify(request);
            if (target == null && services.stream().noneMatch(s -> s.signingName().equals(signed.service()))) {
                LOG.debug("{} {} {} for unserved {}", requestId, request.method(), request.rawPath(), signed.service());
                return UnservedService.rest(signed.service(), request.method(), request.rawPath(), servedNames(),
                        requestId);
            }
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
            service = services.stream().filter(s -> prefix.equals(s.targetPrefix())).findFirst()
                    .orElseThrow(() -> services.stream().anyMatch(s -> s.signingName().equals(signed.service()))
                            ? new ApiException(ErrorType.UNKNOWN_OPERATION,
                                    "Unknown operation " + target + ": no service of ecsd answers to '" + prefix + "'.")
                            : new ApiException(ErrorType.NOT_IMPLEMENTED,
                                    UnservedService.message(signed.service(), target, servedNames())));
            if (!service.operations().hasOperation(operationName)) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION,
                        "Unknown operation " + target + ".");
            }
            if (!service.signingName().equals(signed.service())) {
                throw new ApiException(ErrorType.INVALID_SIGNATURE, "Credential should be scoped to correct service: '"
                        + service.signingName() + "', not '" + signed.service() + "'.");
            }
            String signingName = service.signingName();
            JsonOperation<?, ?> operation = service.operations().implementation(operationName)
                    .orElseThrow(() -> new ApiException(ErrorType.NOT_IMPLEMENTED, "Operation " + operationName + " of "
                            + signingName + " is not implemented by ecsd yet."));
            SdkPojo response = invoke(operation, parseBody(RequestBodies.decoded(request)), signed.caller());
            byte[] body = JSON.writeValueAsBytes(AwsJsonCodec.write(response));
            LOG.debug("{} {} -> 200", requestId, target);
            return new Reply(200, contentType, Map.of("x-amzn-RequestId", requestId), body);
        } catch (ApiException e) {
            LOG.debug("{} {} -> {} {}", requestId, target, e.type().code(), e.getMessage());
            return error(e.type(), e.getMessage(), requestId, contentType, queryError(request, service, e.type()));
        } catch (RuntimeException | IOException e) {
            LOG.error("{} {} failed with an internal error", requestId, target, e);
            return error(ErrorType.SERVER, "An internal error occurred in ecsd (request id " + requestId
                    + "); the server log has the details.", requestId, contentType,
                    queryError(request, service, ErrorType.SERVER));
        }
    }

    /**
     * The AWS error for a request to one of ecsd's own state-changing routes that is not validly signed with the
     * server's long-term credentials (any service name in its scope), or empty when it is. Without it, any web page
     * open in a browser on the same machine could make such a call with a simple cross-origin POST; and a task's
     * temporary credentials must not be able to wipe the server its task runs on.
     */
    public Optional<Reply> refuseUnsigned(SigV4Verifier.HttpRequestParts request) {
        try {
            if (verifier.verify(request).session() != null) {
                throw new ApiException(ErrorType.ACCESS_DENIED, "ecsd's own routes accept the server's long-term "
                        + "credentials only, not temporary credentials.");
            }
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(error(e.type(), e.getMessage(), UUID.randomUUID().toString()));
        }
    }

    /** The signing names of every service ecsd answers, whatever its protocol. */
    private Set<String> servedNames() {
        Set<String> names = new TreeSet<>();
        services.forEach(s -> names.add(s.signingName()));
        names.addAll(query.served());
        return names;
    }

    /** JSON answers are of the version the request is: 1.0 to a 1.0 request, 1.1 otherwise. */
    private static String jsonContentType(SigV4Verifier.HttpRequestParts request) {
        String contentType = request.header("Content-Type");
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith(JSON_1_0)
                ? JSON_1_0 : CONTENT_TYPE;
    }

    /**
     * The {@code x-amzn-query-error} value for a client in query-compatible mode, {@code <QueryCode>;Sender} (or
     * {@code Receiver} for a server fault), or null when the client did not ask for it.
     */
    static String queryError(SigV4Verifier.HttpRequestParts request, JsonService service, ErrorType type) {
        if (!"true".equalsIgnoreCase(request.header(QUERY_MODE))) {
            return null;
        }
        String code = service == null ? type.code() : service.queryErrorCode(type);
        return code + ";" + (type.httpStatus() >= 500 ? "Receiver" : "Sender");
    }

    /** The headers of a JSON or CBOR error answer. */
    static Map<String, String> errorHeaders(String requestId, ErrorType type, String queryError) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amzn-ErrorType", type.code());
        if (queryError != null) {
            headers.put(QUERY_ERROR, queryError);
        }
        return headers;
    }

    /**
     * The answer for a request whose body is larger than the server accepts, in the protocol the request speaks;
     * {@code request} holds its method, path, query and headers (the body is not needed, and not read).
     */
    public static Reply tooLarge(long limit, SigV4Verifier.HttpRequestParts request) {
        String message = "The request body is larger than the " + limit + " bytes ecsd accepts.";
        String requestId = UUID.randomUUID().toString();
        ErrorType type = ErrorType.REQUEST_ENTITY_TOO_LARGE;
        if (RpcV2CborDispatcher.isRpcV2Request(request)) {
            return RpcV2CborDispatcher.error(type, message, requestId, queryError(request, null, type));
        }
        if (request.header("X-Amz-Target") == null && QueryDispatcher.isQueryRequest(request)) {
            return QueryDispatcher.error(type, message, requestId, null);
        }
        return error(type, message, requestId, jsonContentType(request), queryError(request, null, type));
    }

    public static Reply error(ErrorType type, String message, String requestId) {
        return error(type, message, requestId, CONTENT_TYPE, null);
    }

    private static Reply error(ErrorType type, String message, String requestId, String contentType,
            String queryError) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type.code());
        body.put("message", message);
        try {
            return new Reply(type.httpStatus(), contentType, errorHeaders(requestId, type, queryError),
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
    static <Q, R extends SdkPojo> SdkPojo invoke(JsonOperation<Q, R> operation, JsonNode body, Caller caller) {
        for (String member : operation.requiredMembers()) {
            JsonNode value = body.get(member);
            if (value == null || value.isNull()) {
                throw new ApiException(ErrorType.INVALID_PARAMETER,
                        "The request is missing the required parameter '" + member + "'.");
            }
        }
        Q request = AwsJsonCodec.read(body, operation.requestBuilder());
        SdkPojo response = operation.handler().apply(caller, request);
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

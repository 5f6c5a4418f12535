package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Answers signed Smithy RPC v2 CBOR requests, {@code POST /service/<ServiceShapeName>/operation/<Op>}: verifies
 * the signature, picks the service by the path's name and checks the credential is scoped to it, reads the CBOR
 * body into the SDK model request, calls the operation and writes its answer or its error in CBOR, with the
 * {@code smithy-protocol} header echoed.
 */
final class RpcV2CborDispatcher {
    static final String PROTOCOL_HEADER = "smithy-protocol";
    static final String PROTOCOL = "rpc-v2-cbor";
    private static final Logger LOG = LoggerFactory.getLogger(RpcV2CborDispatcher.class);
    static final String PATH_PREFIX = "/service/";
    private static final Pattern PATH = Pattern.compile("/service/([^/]+)/operation/([^/]+)");

    private final SigV4Verifier verifier;
    private final List<JsonService> services;

    RpcV2CborDispatcher(SigV4Verifier verifier, List<JsonService> services) {
        this.verifier = verifier;
        this.services = services.stream().filter(service -> service.rpcV2ServiceName().isPresent()).toList();
    }

    /**
     * Whether a request is meant as RPC v2 CBOR: no {@code X-Amz-Target} and a path under {@code /service/}, the
     * only paths of the protocol. Only the head decides, so this holds before the body is read.
     */
    static boolean isRpcV2Request(SigV4Verifier.HttpRequestParts request) {
        return request.header("X-Amz-Target") == null && request.rawPath().startsWith(PATH_PREFIX);
    }

    Reply handle(SigV4Verifier.HttpRequestParts request, String requestId) {
        String path = request.rawPath();
        JsonService service = null;
        try {
            SigV4Verifier.Signed signed = verifier.verify(request);
            if (!"POST".equalsIgnoreCase(request.method())) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION,
                        "RPC v2 CBOR operations are sent with POST, not " + request.method() + ".");
            }
            requireProtocolHeaders(request);
            Matcher matcher = PATH.matcher(path);
            if (!matcher.matches()) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION, "The path " + path
                        + " does not name an operation: RPC v2 CBOR paths are /service/<Service>/operation/<Op>.");
            }
            String serviceName = matcher.group(1);
            String operationName = matcher.group(2);
            service = services.stream().filter(s -> s.rpcV2ServiceName().orElseThrow().equals(serviceName))
                    .findFirst().orElseThrow(() -> new ApiException(ErrorType.UNKNOWN_OPERATION, "Unknown operation "
                            + path + ": no service of ecsd answers to '" + serviceName + "' in RPC v2 CBOR."));
            if (!service.operations().hasOperation(operationName)) {
                throw new ApiException(ErrorType.UNKNOWN_OPERATION, "Unknown operation " + path + ".");
            }
            if (!service.signingName().equals(signed.service())) {
                throw new ApiException(ErrorType.INVALID_SIGNATURE, "Credential should be scoped to correct service: '"
                        + service.signingName() + "', not '" + signed.service() + "'.");
            }
            String signingName = service.signingName();
            JsonOperation<?, ?> operation = service.operations().implementation(operationName)
                    .orElseThrow(() -> new ApiException(ErrorType.NOT_IMPLEMENTED, "Operation " + operationName
                            + " of " + signingName + " is not implemented by ecsd yet."));
            SdkPojo response = AwsDispatcher.invoke(operation, RpcV2CborCodec.parse(RequestBodies.decoded(request)),
                    signed.caller());
            LOG.debug("{} {} -> 200", requestId, path);
            return new Reply(200, RpcV2CborCodec.CONTENT_TYPE,
                    Map.of("x-amzn-RequestId", requestId, PROTOCOL_HEADER, PROTOCOL), RpcV2CborCodec.write(response));
        } catch (ApiException e) {
            LOG.debug("{} {} -> {} {}", requestId, path, e.type().code(), e.getMessage());
            return error(e.type(), e.getMessage(), requestId, AwsDispatcher.queryError(request, service, e.type()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed with an internal error", requestId, path, e);
            return error(ErrorType.SERVER, "An internal error occurred in ecsd (request id " + requestId
                    + "); the server log has the details.", requestId,
                    AwsDispatcher.queryError(request, service, ErrorType.SERVER));
        }
    }

    /** An error in CBOR: {@code __type} and {@code message}, and the Query code when the client asked for it. */
    static Reply error(ErrorType type, String message, String requestId, String queryError) {
        Map<String, String> headers = AwsDispatcher.errorHeaders(requestId, type, queryError);
        headers.put(PROTOCOL_HEADER, PROTOCOL);
        return new Reply(type.httpStatus(), RpcV2CborCodec.CONTENT_TYPE, headers,
                RpcV2CborCodec.error(type.code(), message));
    }

    /** The protocol requires {@code smithy-protocol: rpc-v2-cbor}, and a CBOR content type on a body. */
    private static void requireProtocolHeaders(SigV4Verifier.HttpRequestParts request) {
        String protocol = request.header(PROTOCOL_HEADER);
        if (protocol == null || !PROTOCOL.equals(protocol.strip())) {
            throw new ApiException(ErrorType.SERIALIZATION, "An RPC v2 CBOR request must have the header "
                    + PROTOCOL_HEADER + ": " + PROTOCOL + (protocol == null ? "." : ", not '" + protocol + "'."));
        }
        String contentType = request.header("Content-Type");
        if (request.body().length > 0 && (contentType == null
                || !contentType.strip().toLowerCase(Locale.ROOT).startsWith(RpcV2CborCodec.CONTENT_TYPE))) {
            throw new ApiException(ErrorType.SERIALIZATION, "An RPC v2 CBOR request body must be of type "
                    + RpcV2CborCodec.CONTENT_TYPE + ", not " + contentType + ".");
        }
    }
}

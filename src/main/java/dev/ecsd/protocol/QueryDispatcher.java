package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Answers signed AWS Query requests: verifies the signature, picks the service by the credential scope's service
 * and {@code Version}, the operation by {@code Action}, reads the parameters into the SDK model request, calls
 * the operation and writes its answer or its error as Query XML. Every answer is XML, even to a request whose
 * signature fails, because a Query client reads nothing else.
 */
final class QueryDispatcher {
    static final String CONTENT_TYPE = "text/xml";
    private static final Logger LOG = LoggerFactory.getLogger(QueryDispatcher.class);
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The service of an Authorization header's credential scope: key/date/region/service/aws4_request. */
    private static final Pattern SCOPED_SERVICE = Pattern.compile("Credential=[^/,\\s]*/[^/,\\s]*/[^/,\\s]*/([^/,\\s]+)/");

    private final SigV4Verifier verifier;
    private final List<QueryService> services;
    private final Set<String> served;

    /** {@code otherServices}: the signing names ecsd serves in other protocols, named when a request asks for none. */
    QueryDispatcher(SigV4Verifier verifier, List<QueryService> services, Set<String> otherServices) {
        this.verifier = verifier;
        this.services = List.copyOf(services);
        this.served = new TreeSet<>(otherServices);
        services.forEach(service -> served.add(service.signingName()));
    }

    /**
     * Whether a request without {@code X-Amz-Target} is a Query request: a POST of a form, or a GET or POST whose
     * query string names an {@code Action}. Only headers and the query string decide, so this holds before the
     * body is read.
     */
    static boolean isQueryRequest(SigV4Verifier.HttpRequestParts request) {
        boolean post = "POST".equalsIgnoreCase(request.method());
        if (!post && !"GET".equalsIgnoreCase(request.method())) {
            return false;
        }
        return post && isForm(request) || namesAction(request.rawQuery());
    }

    Reply handle(SigV4Verifier.HttpRequestParts request, String requestId) {
        // Until the signature holds, the scope it claims only chooses the namespace of the error.
        String namespace = namespaceOf(claimedService(request));
        String action = null;
        QueryService service = null;
        try {
            SigV4Verifier.Signed signed = verifier.verify(request);
            Map<String, List<String>> parameters = parameters(request);
            service = service(signed.service(), single(parameters, "Version"));
            namespace = service.xmlNamespace();
            action = single(parameters, "Action");
            JsonOperation<?, ?> operation = operation(service, action);
            SdkPojo response = invoke(operation, parameters, signed.caller());
            LOG.debug("{} Query {} -> 200", requestId, action);
            return new Reply(200, CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId),
                    responseDocument(action, namespace, response, requestId));
        } catch (ApiException e) {
            ErrorType type = queryForm(e.type());
            LOG.debug("{} Query {} -> {} {}", requestId, action, type.code(), e.getMessage());
            return error(type, service == null ? type.code() : service.errorCode(type), e.getMessage(), requestId,
                    namespace);
        } catch (RuntimeException e) {
            LOG.error("{} Query {} failed with an internal error", requestId, action, e);
            return error(ErrorType.SERVER, "An internal error occurred in ecsd (request id " + requestId
                    + "); the server log has the details.", requestId, namespace);
        }
    }

    /**
     * The error as Query services write it: the authentication errors that JSON services call
     * UnrecognizedClientException and ExpiredTokenException are InvalidClientTokenId and ExpiredToken there, 403s.
     */
    static ErrorType queryForm(ErrorType type) {
        return switch (type) {
            case UNRECOGNIZED_CLIENT -> ErrorType.INVALID_CLIENT_TOKEN_ID;
            case EXPIRED_TOKEN -> ErrorType.QUERY_EXPIRED_TOKEN;
            default -> type;
        };
    }

    /** The whole answer of an operation: {@code <XxxResponse><XxxResult>…</XxxResult><ResponseMetadata>…}. */
    static byte[] responseDocument(String operation, String namespace, SdkPojo result, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            XMLStreamWriter xml = QueryXmlWriter.xmlWriter(out);
            xml.writeStartElement(operation + "Response");
            xml.writeDefaultNamespace(namespace);
            xml.writeStartElement(operation + "Result");
            AwsQueryCodec.write(result, xml);
            xml.writeEndElement();
            xml.writeStartElement("ResponseMetadata");
            QueryXmlWriter.textElement(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory failed", e);
        }
        return out.toByteArray();
    }

    /** An error as Query services write it; the namespace is left out when the service is not known. */
    static Reply error(ErrorType type, String message, String requestId, String namespace) {
        return error(type, type.code(), message, requestId, namespace);
    }

    /** An error written with the code a particular Query service gives it. */
    static Reply error(ErrorType type, String code, String message, String requestId, String namespace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            XMLStreamWriter xml = QueryXmlWriter.xmlWriter(out);
            xml.writeStartElement("ErrorResponse");
            if (namespace != null) {
                xml.writeDefaultNamespace(namespace);
            }
            xml.writeStartElement("Error");
            QueryXmlWriter.textElement(xml, "Type", type.httpStatus() >= 500 ? "Receiver" : "Sender");
            QueryXmlWriter.textElement(xml, "Code", code);
            QueryXmlWriter.textElement(xml, "Message", message);
            xml.writeEndElement();
            QueryXmlWriter.textElement(xml, "RequestId", requestId);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory failed", e);
        }
        return new Reply(type.httpStatus(), CONTENT_TYPE, Map.of("x-amzn-RequestId", requestId), out.toByteArray());
    }

    /** The namespace of the service a request's credential names, for errors before the signature is checked. */
    private String namespaceOf(String signingName) {
        return services.stream().filter(service -> service.signingName().equals(signingName))
                .map(QueryService::xmlNamespace).findFirst().orElse(null);
    }

    private static <Q, R extends SdkPojo> SdkPojo invoke(JsonOperation<Q, R> operation,
            Map<String, List<String>> parameters, Caller caller) {
        Q request = AwsQueryCodec.read(parameters, operation.requestBuilder());
        requireMembers((SdkPojo) request, operation.requiredMembers());
        SdkPojo response = operation.handler().apply(caller, request);
        if (response == null) {
            throw new IllegalStateException(operation.name() + " returned no response");
        }
        return response;
    }

    /**
     * Refuses a request without one of its required members, in the words AWS Query services use, naming each
     * member as they do: its name with a lower-case initial.
     */
    static void requireMembers(SdkPojo request, List<String> requiredMembers) {
        List<String> violations = new ArrayList<>();
        for (String member : requiredMembers) {
            SdkField<?> field = request.sdkFields().stream().filter(f -> member.equals(f.locationName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(member + " is not a member of " + request.getClass()));
            if (!AwsJsonCodec.isSet(AwsJsonCodec.valueOf(field, request))) {
                violations.add("Value null at '" + member.substring(0, 1).toLowerCase(Locale.ROOT) + member.substring(1)
                        + "' failed to satisfy constraint: Member must not be null");
            }
        }
        if (!violations.isEmpty()) {
            throw new ApiException(ErrorType.VALIDATION_ERROR, violations.size()
                    + (violations.size() == 1 ? " validation error" : " validation errors") + " detected: "
                    + String.join("; ", violations));
        }
    }

    /** The service signed for, in the version asked for. */
    private QueryService service(String signingName, String version) {
        List<QueryService> candidates = services.stream()
                .filter(service -> service.signingName().equals(signingName)).toList();
        if (candidates.isEmpty()) {
            if (served.contains(signingName)) {
                throw new ApiException(ErrorType.INVALID_SIGNATURE, "This is a Query request (form parameters and an "
                        + "Action), but its credential is scoped to '" + signingName + "', which ecsd does not serve "
                        + "with the Query protocol; its Query services are: " + signingNames() + ".");
            }
            throw new ApiException(ErrorType.NOT_IMPLEMENTED, UnservedService.message(signingName, null, served));
        }
        if (version == null) {
            // The SDKs and CLIs always send a Version; a hand-made request without one gets the service's first.
            return candidates.getFirst();
        }
        return candidates.stream().filter(service -> service.apiVersion().equals(version)).findFirst()
                .orElseThrow(() -> new ApiException(ErrorType.NO_SUCH_VERSION, "The requested version (" + version
                        + ") of service " + signingName + " does not exist; ecsd serves "
                        + String.join(", ", candidates.stream().map(QueryService::apiVersion).toList()) + "."));
    }

    private static JsonOperation<?, ?> operation(QueryService service, String action) {
        if (action == null || action.isEmpty()) {
            throw new ApiException(ErrorType.MISSING_ACTION,
                    "The request has no Action parameter naming the operation to perform.");
        }
        if (!service.operations().hasOperation(action)) {
            throw new ApiException(ErrorType.INVALID_ACTION, "The action " + action + " is not valid for this web service.");
        }
        return service.operations().implementation(action).orElseThrow(() -> new ApiException(ErrorType.NOT_IMPLEMENTED,
                "Operation " + action + " of " + service.signingName() + " is not implemented by ecsd yet."));
    }

    private static Map<String, List<String>> parameters(SigV4Verifier.HttpRequestParts request) {
        Map<String, List<String>> parameters =
                new LinkedHashMap<>(FormEncoding.parse(request.rawQuery(), "The query string"));
        if (isForm(request)) {
            FormEncoding.parse(RequestBodies.decoded(request), "The request body").forEach((name, values) ->
                    parameters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        }
        return parameters;
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiException(ErrorType.VALIDATION_ERROR,
                    "Parameter '" + name + "' was sent " + values.size() + " times; it takes one value.");
        }
        return values.getFirst();
    }

    private static boolean isForm(SigV4Verifier.HttpRequestParts request) {
        String contentType = request.header("Content-Type");
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith(FORM);
    }

    private static boolean namesAction(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.equals("Action") || pair.startsWith("Action=")) {
                return true;
            }
        }
        return false;
    }

    private static String claimedService(SigV4Verifier.HttpRequestParts request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return null;
        }
        Matcher matcher = SCOPED_SERVICE.matcher(authorization);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Every signing name ecsd serves, in any protocol. */
    Set<String> served() {
        return Set.copyOf(served);
    }

    private String signingNames() {
        return services.isEmpty() ? "none"
                : String.join(", ", services.stream().map(QueryService::signingName).distinct().toList());
    }

}

package dev.ecsd.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The answer to a validly signed request for an AWS service ecsd does not serve, in that service's own protocol, so
 * its client prints a clear error naming the service instead of failing to parse the answer: REST-XML services (S3,
 * Route 53, CloudFront) get an XML {@code <Error>}, other REST services a JSON error with {@code x-amzn-ErrorType}.
 * (Query and JSON-RPC requests are answered by their own dispatchers, with the same message.)
 */
final class UnservedService {
    /** Signing names of the REST services that answer errors in XML. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REST_XML = Set.of("s3", "s3-outposts", "route53", "cloudfront");

    private UnservedService() {
    }

    /** What ecsd says about a request for {@code service}: which service it is, and which it serves instead. */
    static String message(String service, String what, Collection<String> served) {
        return "ecsd does not serve the AWS service '" + service + "'" + (what == null ? "" : " (" + what + ")")
                + "; it serves " + String.join(", ", new TreeSet<>(served)) + ".";
    }

    /** A REST request's answer: XML for the REST-XML services, JSON with the error type in a header otherwise. */
    static Reply rest(String service, String method, String path, Collection<String> served, String requestId) {
        String message = message(service, method + " " + path, served);
        ErrorType type = ErrorType.NOT_IMPLEMENTED;
        if (REST_XML.contains(service)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try {
                XMLStreamWriter xml = QueryXmlWriter.xmlWriter(out);
                xml.writeStartElement("Error");
                QueryXmlWriter.textElement(xml, "Code", "NotImplemented");
                QueryXmlWriter.textElement(xml, "Message", message);
                QueryXmlWriter.textElement(xml, "RequestId", requestId);
                xml.writeEndDocument();
                xml.close();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("writing XML to memory failed", e);
            }
            return new Reply(type.httpStatus(), "application/xml", Map.of("x-amz-request-id", requestId),
                    out.toByteArray());
        }
        ObjectNode body = JSON.createObjectNode().put("message", message);
        return new Reply(type.httpStatus(), "application/json",
                Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", type.code()),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}

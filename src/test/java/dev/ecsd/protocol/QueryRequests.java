package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/** Raw AWS Query requests, signed, and checks of the XML errors they are answered with. */
final class QueryRequests {
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private QueryRequests() {
    }

    /** POSTs a form body, signed now with the scope of {@code requests}. */
    static HttpResponse<String> post(SignedRequests requests, String formBody) {
        return requests.sendSigned("POST", "/", Map.of("content-type", FORM),
                formBody.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    /** GETs {@code /} with the parameters in the query string, signed for ELBv2 by the SDK's own SigV4 signer. */
    static HttpResponse<String> signedGet(URI endpoint, Map<String, String> parameters) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(endpoint)
                .encodedPath("/");
        parameters.forEach(unsigned::putRawQueryParameter);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create(TestServer.ACCESS_KEY_ID, TestServer.SECRET_ACCESS_KEY))
                .request(unsigned.build())
                .payload(() -> new ByteArrayInputStream(new byte[0]))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "elasticloadbalancing")
                .putProperty(AwsV4HttpSigner.REGION_NAME, TestServer.REGION)).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).timeout(Duration.ofSeconds(30)).GET();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts an {@code <ErrorResponse>} with this status, code and a message containing {@code messagePart}. */
    static void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        Document document = parse(response.body());
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("ErrorResponse");
        assertThat(text(document, "Type")).isEqualTo(status >= 500 ? "Receiver" : "Sender");
        assertThat(text(document, "Code")).isEqualTo(code);
        assertThat(text(document, "Message")).contains(messagePart);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValue(text(document, "RequestId"));
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + xml, e);
        }
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagNameNS("*", element).item(0).getTextContent();
    }
}

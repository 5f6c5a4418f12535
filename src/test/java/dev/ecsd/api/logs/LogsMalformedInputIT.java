package dev.ecsd.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw, signed CloudWatch Logs requests of the kinds a fuzzer sends: lone UTF-16 surrogates in JSON escapes, long
 * and odd filter patterns. Each is answered with a clear 400 or handled exactly; none is an HTTP 500.
 */
class LogsMalformedInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "Logs_20140328.";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final SignedRequests logs = new SignedRequests(server.endpoint()).scope(TestServer.REGION, "logs");

    @BeforeEach
    void groupAndStream() {
        assertOk(call("CreateLogGroup", "{\"logGroupName\": \"g\"}"));
        assertOk(call("CreateLogStream", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\"}"));
    }

    @AfterEach
    void serverStillServesLogs() {
        assertOk(call("DescribeLogGroups", "{}"));
    }

    @Test
    void aLoneSurrogateInAMessageIsASerializationExceptionAndNothingIsStored() {
        for (String escaped : new String[] {"a\\ud800b", "\\udc00", "end\\ud83d"}) {
            HttpResponse<String> response = call("PutLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\", "
                    + "\"logEvents\": [{\"timestamp\": " + Instant.now().toEpochMilli() + ", \"message\": \"" + escaped
                    + "\"}]}");

            assertError(response, "SerializationException", "'logEvents[0].message' is not valid Unicode");
        }
        assertThat(json(call("GetLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\"}")).get("events"))
                .isEmpty();
    }

    @Test
    void aLoneSurrogateInANameIsASerializationException() {
        assertError(call("CreateLogGroup", "{\"logGroupName\": \"g\\ud800\"}"), "SerializationException",
                "'logGroupName' is not valid Unicode");
        assertError(call("CreateLogStream", "{\"logGroupName\": \"g\", \"logStreamName\": \"\\udfff\"}"),
                "SerializationException", "'logStreamName'");
        // in a JSON key the parser itself refuses it
        assertError(call("TagLogGroup", "{\"logGroupName\": \"g\", \"tags\": {\"k\\ud800\": \"v\"}}"),
                "SerializationException", "surrogate");
        assertThat(json(call("DescribeLogGroups", "{}")).get("logGroups")).hasSize(1);
    }

    @Test
    void surrogatePairsAndOtherUnicodeRoundTripExactly() {
        String message = "emoji \ud83d\ude00, CJK \u4e2d, accents \u00e9, quote \" and backslash \\";
        String escaped = "emoji \\ud83d\\ude00, CJK \\u4e2d, accents \\u00e9, quote \\\" and backslash \\\\";

        assertOk(call("PutLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\", \"logEvents\": "
                + "[{\"timestamp\": " + Instant.now().toEpochMilli() + ", \"message\": \"" + escaped + "\"}]}"));

        JsonNode events = json(call("GetLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\"}"))
                .get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("message").textValue()).isEqualTo(message);
        JsonNode filtered = json(call("FilterLogEvents", "{\"logGroupName\": \"g\", \"filterPattern\": "
                + "\"\\ud83d\\ude00\"}")).get("events");
        assertThat(filtered.get(0).get("message").textValue()).isEqualTo(message);
    }

    @Test
    void aLongOddFilterPatternIsAnInvalidParameterNotAServerError() {
        String odd = "\\\"[{(\\\\ \\u00e9 ?\\\" -\\\"x\\\" ".repeat(200);

        assertError(call("FilterLogEvents", "{\"logGroupName\": \"g\", \"filterPattern\": \"" + odd + "\"}"),
                "InvalidParameterException", "less than or equal to 1024");
        assertError(call("FilterLogEvents", "{\"logGroupName\": \"g\", \"filterPattern\": \"" + "a ".repeat(1000)
                + "\"}"), "InvalidParameterException", "'filterPattern'");
    }

    @Test
    void theLongestFilterPatternOfManyTermsIsEvaluated() {
        assertOk(call("PutLogEvents", "{\"logGroupName\": \"g\", \"logStreamName\": \"s\", \"logEvents\": "
                + "[{\"timestamp\": " + Instant.now().toEpochMilli() + ", \"message\": \"a b\"}]}"));

        HttpResponse<String> many = call("FilterLogEvents", "{\"logGroupName\": \"g\", \"filterPattern\": \""
                + "?a ?b ?c ?d ".repeat(85) + "\"}");

        assertOk(many);
        assertThat(json(many).get("events")).hasSize(1);
    }

    private HttpResponse<String> call(String operation, String body) {
        return logs.post(TARGET + operation, body);
    }

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> response, String type, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response);
        assertThat(error.get("__type").asText()).isEqualTo(type);
        assertThat(error.get("message").asText()).contains(messagePart);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}

package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.server.OperationCoverage.Api;
import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the README's coverage tables promise: every operation of an AWS JSON API that ecsd does not implement
 * answers NotImplementedException (HTTP 501) naming it, whatever its body.
 */
class NotImplementedOperationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    @Test
    void everyOperationNotImplementedAnswersNotImplementedExceptionNamingIt() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (Api api : ServedApis.all()) {
            if (api.targetPrefix() == null) {
                continue; // AWS Query: QueryProtocolIT checks its uniform answer
            }
            SignedRequests requests = new SignedRequests(server.endpoint()).scope(TestServer.REGION, api.signingName());
            for (String operation : api.operations().apiOperations()) {
                if (api.implemented(operation)) {
                    continue;
                }
                HttpResponse<String> response = requests.post(api.targetPrefix() + "." + operation, "{}");
                JsonNode body = JSON.readTree(response.body());
                softly.assertThat(response.statusCode()).as(api.signingName() + " " + operation).isEqualTo(501);
                softly.assertThat(body.path("__type").asText()).as(api.signingName() + " " + operation)
                        .isEqualTo("NotImplementedException");
                softly.assertThat(body.path("message").asText()).as(api.signingName() + " " + operation)
                        .contains("Operation " + operation + " of " + api.signingName() + " is not implemented");
                checked++;
            }
        }
        softly.assertAll();
        assertThat(checked).as("operations checked").isGreaterThan(300);
    }

    /**
     * The other half of the tables' promise, and a check that {@link ServedApis} registers the APIs as the server
     * does: no operation the tables call implemented answers NotImplementedException. An empty body is refused by
     * most of them (a required member missing); the few it is valid for change nothing a reset does not wipe.
     */
    @Test
    void noOperationTheTablesCallImplementedAnswersNotImplemented() throws IOException {
        SoftAssertions softly = new SoftAssertions();
        for (Api api : ServedApis.all()) {
            if (api.targetPrefix() == null) {
                continue;
            }
            SignedRequests requests = new SignedRequests(server.endpoint()).scope(TestServer.REGION, api.signingName());
            for (String operation : api.operations().implementedOperations()) {
                HttpResponse<String> response = requests.post(api.targetPrefix() + "." + operation, "{}");
                softly.assertThat(response.statusCode())
                        .as(api.signingName() + " " + operation + ": " + response.body()).isNotEqualTo(501);
            }
        }
        softly.assertAll();
    }
}

package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AwsErrorPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsErrorPages pages = new AwsErrorPages(8192);

    @Test
    void headersTooLargeIsA431AwsErrorNamingTheLimit() throws IOException {
        Reply reply = pages.reply(431, "Request Header Fields Too Large");

        assertThat(reply.status()).isEqualTo(431);
        assertThat(reply.contentType()).isEqualTo("application/x-amz-json-1.1");
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.get("__type").asText()).isEqualTo("RequestHeaderFieldsTooLargeException");
        assertThat(body.get("message").asText()).contains("8192 bytes");
    }

    @Test
    void otherRequestsJettyCannotReadAreBadRequestsAndServerFaultsHideTheirCause() throws IOException {
        Reply bad = pages.reply(400, "Bad Request");
        Reply fault = pages.reply(500, "java.lang.IllegalStateException: boom");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("__type").asText()).isEqualTo("BadRequestException");
        assertThat(fault.status()).isEqualTo(500);
        assertThat(JSON.readTree(fault.body()).get("message").asText()).doesNotContain("boom");
    }
}

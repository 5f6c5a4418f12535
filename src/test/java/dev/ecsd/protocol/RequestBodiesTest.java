package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    private static final byte[] BODY = "{\"Namespace\":\"App\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodyWithoutContentEncodingIsReadAsItIs() {
        assertThat(RequestBodies.decoded(request(Map.of(), BODY))).isEqualTo(BODY);
        assertThat(RequestBodies.decoded(request(Map.of("Content-Encoding", List.of("identity")), BODY)))
                .isEqualTo(BODY);
    }

    @Test
    void aGzipBodyIsDecompressed() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(BODY);
        }

        assertThat(RequestBodies.decoded(request(Map.of("content-encoding", List.of("gzip")),
                compressed.toByteArray()))).isEqualTo(BODY);
    }

    @Test
    void aBodyThatIsNotWhatItsEncodingSaysIsRefused() {
        assertThatThrownBy(() -> RequestBodies.decoded(request(Map.of("Content-Encoding", List.of("gzip")), BODY)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION))
                .hasMessageStartingWith("The request body is not valid gzip");
        assertThatThrownBy(() -> RequestBodies.decoded(request(Map.of("Content-Encoding", List.of("br")), BODY)))
                .hasMessageContaining("The Content-Encoding br is not supported");
    }

    private static SigV4Verifier.HttpRequestParts request(Map<String, List<String>> headers, byte[] body) {
        return new SigV4Verifier.HttpRequestParts("POST", "/", "", headers, body);
    }
}

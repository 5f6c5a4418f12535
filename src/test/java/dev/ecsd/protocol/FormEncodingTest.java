package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormEncodingTest {
    @Test
    void decodesWhatTheCliAndTheSdkSend() {
        // the CLI (botocore) writes a space as '+', the Java SDK as %20
        Map<String, List<String>> parameters = FormEncoding.parse(
                "Action=RegisterTargets&Targets.member.1.Id=a+b%26c&Name=%C3%A9%20%F0%9F%98%80&Targets=", "The body");

        assertThat(parameters).containsExactly(
                Map.entry("Action", List.of("RegisterTargets")),
                Map.entry("Targets.member.1.Id", List.of("a b&c")),
                Map.entry("Name", List.of("é 😀")),
                Map.entry("Targets", List.of("")));
    }

    @Test
    void keepsEveryValueOfARepeatedNameAndSkipsEmptyPairs() {
        assertThat(FormEncoding.parse("A=1&&A=2&B&=orphan&", "The body"))
                .containsExactly(Map.entry("A", List.of("1", "2")), Map.entry("B", List.of("")));
    }

    @Test
    void brokenPercentEscapesAreMalformed() {
        for (String broken : List.of("A=%zz", "A=%4", "A=abc%", "A=%%41", "A=%٤١")) {
            assertThatThrownBy(() -> FormEncoding.parse(broken, "The request body"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.MALFORMED_QUERY_STRING);
                        assertThat(e.getMessage()).startsWith("The request body is not valid "
                                + "application/x-www-form-urlencoded data:").contains("percent-escape");
                    });
        }
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
        assertThatThrownBy(() -> FormEncoding.parse("A=%C3%28", "The query string"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("The query string is not valid application/x-www-form-urlencoded data: "
                                + "its percent-escapes are not UTF-8."));
        assertThatThrownBy(() -> FormEncoding.parse(new byte[] {'A', '=', (byte) 0xff}, "The request body"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("not UTF-8"));
        assertThat(FormEncoding.parse("A=é".getBytes(StandardCharsets.UTF_8), "The request body"))
                .containsEntry("A", List.of("é"));
    }
}

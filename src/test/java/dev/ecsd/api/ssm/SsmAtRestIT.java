package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.secrets.ValueCipher;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * SecureString values at rest, in a real server process: no file of the data directory (state.db, its WAL, the
 * other stores) and no line of the server's output ever holds one, before or after a kill -9, and every version
 * and label comes back after the restart, still decryptable with the key the data directory keeps.
 */
class SsmAtRestIT {

    @Test
    void secureStringValuesNeverReachTheDiskOrTheLogAndSurviveKill9() {
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        String third = "third-" + UUID.randomUUID();
        List<String> secrets = List.of(first, second, third);
        // A String value is stored as it is: finding it shows that the search below would find a leaked secret.
        String plain = "plain-" + UUID.randomUUID();
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            try (SsmClient ssm = client(process)) {
                ssm.putParameter(r -> r.name("/prod/db/password").type(ParameterType.SECURE_STRING).value(first)
                        .allowedPattern("^[a-z0-9-]+$"));
                ssm.putParameter(r -> r.name("/prod/db/password").value(second).overwrite(true));
                ssm.putParameter(r -> r.name("/prod/db/password").value(third).overwrite(true)
                        .keyId("alias/custom"));
                ssm.labelParameterVersion(r -> r.name("/prod/db/password").parameterVersion(1L).labels("initial"));
                ssm.labelParameterVersion(r -> r.name("/prod/db/password").parameterVersion(2L).labels("blue"));
                ssm.putParameter(r -> r.name("/prod/db/user").type(ParameterType.STRING).value(plain));

                // Answers that must not show a value without decryption, and errors about a value.
                String answers = ssm.describeParameters(r -> r.maxResults(50)).toString()
                        + ssm.getParameterHistory(r -> r.name("/prod/db/password")).toString()
                        + ssm.getParametersByPath(r -> r.path("/prod").recursive(true)).toString()
                        + ssm.getParameter(r -> r.name("/prod/db/password")).toString()
                        + ssm.getParameters(r -> r.names("/prod/db/password:1", "/prod/db/password:blue")).toString();
                assertThat(answers).doesNotContain(first, second, third).contains("/prod/db/password");
                String rejected = "REJECTED_" + first.toUpperCase();
                assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/prod/db/password").value(rejected)
                        .overwrite(true)))
                        .isInstanceOf(ParameterPatternMismatchException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(rejected));
                String huge = third + "x".repeat(5000);
                assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/prod/huge").type(ParameterType.SECURE_STRING)
                        .value(huge)))
                        .isInstanceOf(ValidationException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(third));
            }

            process.kill9();
            assertThat(filesHolding(process.dataDirectory(), List.of(plain))).isNotEmpty();
            assertThat(filesHolding(process.dataDirectory(), secrets)).isEmpty();
            assertThat(process.dataDirectory().resolve(ValueCipher.KEY_FILE)).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    process.dataDirectory().resolve(ValueCipher.KEY_FILE)))).isEqualTo("rw-------");

            process.restart();
            try (SsmClient ssm = client(process)) {
                List<ParameterHistory> history = ssm.getParameterHistory(r -> r.name("/prod/db/password")
                        .withDecryption(true)).parameters();
                assertThat(history).extracting(ParameterHistory::version).containsExactly(1L, 2L, 3L);
                assertThat(history).extracting(ParameterHistory::value).containsExactly(first, second, third);
                assertThat(history).extracting(h -> h.labels().isEmpty() ? "-" : h.labels().getFirst())
                        .containsExactly("initial", "blue", "-");
                assertThat(history).extracting(ParameterHistory::keyId)
                        .containsExactly("alias/aws/ssm", "alias/aws/ssm", "alias/custom");
                assertThat(ssm.getParameter(r -> r.name("/prod/db/password:initial").withDecryption(true))
                        .parameter().value()).isEqualTo(first);
                assertThat(ssm.getParameter(r -> r.name("/prod/db/user")).parameter().value()).isEqualTo(plain);
            }
            process.stop();
            assertThat(filesHolding(process.dataDirectory(), secrets)).isEmpty();
            assertThat(process.log()).contains("API on http://127.0.0.1:").doesNotContain(first, second, third);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code directory} that holds one of {@code values}, as UTF-8 bytes anywhere in it. */
    private static List<String> filesHolding(Path directory, List<String> values) throws IOException {
        List<String> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String value : values) {
                    if (content.contains(value)) {
                        holding.add(file + " holds " + value);
                    }
                }
            }
        }
        assertThat(directory.resolve("state.db")).exists();
        return holding;
    }

    private static SsmClient client(ServerProcess process) {
        return SsmClient.builder().endpointOverride(process.endpoint()).region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }
}

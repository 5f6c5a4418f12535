package dev.ecsd.api.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Item 3 of issue 10: values stored through the API are nowhere in the data directory (state.db, its WAL, logs.db,
 * metrics.db, anything else) nor in the server's log, neither as bytes nor as base64; describe and list answers do
 * not carry them; the key file is the owner's only.
 */
class SecretsAtRestIT {
    private static final String CREATED = "AtRestCreated-5d1c9e0b-string";
    private static final String PUT = "AtRestPut-88f0a1c4-string";
    private static final String UPDATED = "AtRestUpdated-0b7e22aa-string";
    private static final String BINARY = "AtRestBinary-c3a9f6d2-bytes";
    private static final String REFUSED = "AtRestRefused-47e1b0d9-string";
    /** Not a secret: a description, which must be found where the values are not, so the search can fail. */
    private static final String DESCRIPTION = "AtRestDescription-9a8b7c6d";
    private static final List<String> VALUES = List.of(CREATED, PUT, UPDATED, BINARY, REFUSED);

    @Test
    void storedValuesAreInNoFileAndNoLogLineAndNoDescribeOrList() throws IOException {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            try (SecretsManagerClient secrets = process.secretsManager()) {
                String token = "c0ffee00-0000-4000-8000-000000000001";
                secrets.createSecret(r -> r.name("rest/string").secretString(CREATED).description(DESCRIPTION));
                secrets.putSecretValue(r -> r.secretId("rest/string").secretString(PUT).clientRequestToken(token));
                assertThatThrownBy(() -> secrets.putSecretValue(r -> r.secretId("rest/string").secretString(REFUSED)
                        .clientRequestToken(token))).isInstanceOf(ResourceExistsException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(REFUSED, PUT));
                secrets.updateSecret(r -> r.secretId("rest/string").secretString(UPDATED));
                secrets.createSecret(r -> r.name("rest/binary")
                        .secretBinary(SdkBytes.fromString(BINARY, StandardCharsets.UTF_8)));
                assertThat(secrets.getSecretValue(r -> r.secretId("rest/string")).secretString()).isEqualTo(UPDATED);
                assertThat(secrets.getSecretValue(r -> r.secretId("rest/string").versionId(token)).secretString())
                        .isEqualTo(PUT);
                assertThat(secrets.batchGetSecretValue(r -> r.filters(Filter.builder()
                        .key(FilterNameStringType.NAME).values("rest/").build())).secretValues()).hasSize(2);

                String answers = secrets.describeSecret(r -> r.secretId("rest/string")).toString()
                        + secrets.describeSecret(r -> r.secretId("rest/binary")).toString()
                        + secrets.listSecrets(r -> { }).toString()
                        + secrets.listSecretVersionIds(r -> r.secretId("rest/string").includeDeprecated(true));
                assertThat(answers).contains("rest/string", "rest/binary");
                assertNoValueIn("describe and list answers", answers.getBytes(StandardCharsets.UTF_8));
            }
            // While the server runs, the latest writes may be only in state.db-wal: look at it now.
            assertNoValueInDataDirectory(process.dataDirectory());
            assertNoValueIn("the server's log", process.log().getBytes(StandardCharsets.UTF_8));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    process.dataDirectory().resolve("secrets.key")))).isEqualTo("rw-------");

            process.stop();
            assertNoValueInDataDirectory(process.dataDirectory());
            assertNoValueIn("the server's log", process.log().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertNoValueInDataDirectory(Path dataDirectory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).extracting(path -> path.getFileName().toString())
                .contains("state.db", "logs.db", "metrics.db", "secrets.key");
        StringBuilder everything = new StringBuilder();
        for (Path file : files) {
            try {
                byte[] content = Files.readAllBytes(file);
                assertNoValueIn(file.toString(), content);
                everything.append(new String(content, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(everything.toString()).as("the secret's description, stored in the clear").contains(DESCRIPTION);
    }

    private static void assertNoValueIn(String where, byte[] content) {
        String asLatin1 = new String(content, StandardCharsets.ISO_8859_1);
        for (String value : VALUES) {
            String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            assertThat(asLatin1).as("%s holds the value %s", where, value).doesNotContain(value);
            assertThat(asLatin1).as("%s holds the value %s in base64", where, value)
                    .doesNotContain(base64.substring(0, base64.length() - 4));
        }
    }
}

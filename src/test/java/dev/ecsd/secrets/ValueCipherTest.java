package dev.ecsd.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueCipherTest {
    private static final String OWNER = "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-AbCdEf v1";

    @TempDir
    Path directory;

    @Test
    void aSealedValueOpensForItsOwnerOnlyAndDoesNotContainThePlaintext() {
        ValueCipher cipher = ValueCipher.forDataDirectory(directory);
        String sealed = cipher.seal("s3cr3t", OWNER);

        assertThat(sealed).doesNotContain("s3cr3t");
        assertThat(cipher.openText(sealed, OWNER)).isEqualTo("s3cr3t");
        assertThat(cipher.seal("s3cr3t", OWNER)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.open(sealed, OWNER + "x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKeyFileIsCreatedOnceReadableByItsOwnerOnlyAndReusedAfterARestart() throws Exception {
        String sealed = ValueCipher.forDataDirectory(directory).seal("abc123", OWNER);
        Path key = directory.resolve(ValueCipher.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(ValueCipher.forDataDirectory(directory).openText(sealed, OWNER)).isEqualTo("abc123");
    }

    @Test
    void anotherKeyCannotOpenAValueAndAMalformedKeyIsRefusedWithAReason() {
        String sealed = ValueCipher.forDataDirectory(directory).seal("abc123", OWNER);
        ValueCipher other = ValueCipher.fromBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertThatThrownBy(() -> other.open(sealed, OWNER)).hasMessageContaining("wrong secrets key");
        assertThatThrownBy(() -> ValueCipher.fromBase64("c2hvcnQ=")).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> ValueCipher.fromBase64("not base64!")).hasMessageContaining("not valid base64");
    }
}

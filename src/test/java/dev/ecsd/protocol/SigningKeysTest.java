package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    // AWS's documented example of deriving a signing key (Signature Version 4, "Examples of how to derive a
    // signing key").
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void derivesTheKeyAwsDocuments() {
        assertThat(HexFormat.of().formatHex(SigningKeys.of(SECRET, "20120215", "us-east-1", "iam")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void aCachedKeyIsTheKeyOfItsOwnScope() {
        byte[] first = SigningKeys.of(SECRET, "20261205", "us-east-1", "ecs");
        assertThat(SigningKeys.of(SECRET, "20261205", "us-east-1", "ecs")).isSameAs(first);
        assertThat(SigningKeys.of(SECRET, "20261205", "eu-west-1", "ecs")).isNotEqualTo(first)
                .isEqualTo(SigningKeys.derive(SECRET, "20261205", "eu-west-1", "ecs"));
        assertThat(SigningKeys.of("another secret", "20261205", "us-east-1", "ecs")).isNotEqualTo(first);
        assertThat(SigningKeys.of(SECRET, "20261206", "us-east-1", "ecs")).isNotEqualTo(first);
        assertThat(SigningKeys.of(SECRET, "20261205", "us-east-1", "logs")).isNotEqualTo(first);
    }

    @Test
    void staysBounded() {
        for (int i = 0; i < SigningKeys.MAX_ENTRIES * 3; i++) {
            SigningKeys.of("secret " + i, "20261205", "us-east-1", "ecs");
        }
        assertThat(SigningKeys.size()).isLessThanOrEqualTo(SigningKeys.MAX_ENTRIES);
        assertThat(SigningKeys.of("secret 7", "20261205", "us-east-1", "ecs"))
                .isEqualTo(SigningKeys.derive("secret 7", "20261205", "us-east-1", "ecs"));
    }
}

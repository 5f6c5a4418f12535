package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import org.junit.jupiter.api.Test;

class ParameterChecksTest {
    private static final String SMALL = "s";
    private static final String LARGE = "x".repeat(4097);

    @Test
    void tiersAreChosenAndNeverLowered() {
        assertThat(ParameterChecks.tier(null, null, SMALL)).isEqualTo("Standard");
        assertThat(ParameterChecks.tier(null, "Advanced", SMALL)).isEqualTo("Advanced");
        assertThat(ParameterChecks.tier("Intelligent-Tiering", null, SMALL)).isEqualTo("Standard");
        assertThat(ParameterChecks.tier("Intelligent-Tiering", null, LARGE)).isEqualTo("Advanced");
        assertThat(ParameterChecks.tier("Intelligent-Tiering", "Advanced", SMALL)).isEqualTo("Advanced");
        assertThatThrownBy(() -> ParameterChecks.tier("Standard", "Advanced", SMALL))
                .hasMessageContaining("You can't downgrade");
        assertThatThrownBy(() -> ParameterChecks.tier(null, null, LARGE))
                .hasMessageContaining("maximum parameter value of 4096 characters").hasMessageNotContaining(LARGE);
        assertThatThrownBy(() -> ParameterChecks.tier("Advanced", null, "x".repeat(8193)))
                .hasMessageContaining("less than or equal to 8192");
        assertThatThrownBy(() -> ParameterChecks.tier("Premium", null, SMALL))
                .hasMessageContaining("Member must satisfy enum value set");
    }

    @Test
    void keyIdsBelongToSecureStringsOnly() {
        assertThat(ParameterChecks.keyId(null, "SecureString", null)).isEqualTo("alias/aws/ssm");
        assertThat(ParameterChecks.keyId(null, "SecureString", "alias/mine")).isEqualTo("alias/mine");
        assertThat(ParameterChecks.keyId("1234abcd-12ab-34cd-56ef-1234567890ab", "SecureString", null))
                .isEqualTo("1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(ParameterChecks.keyId("arn:aws:kms:us-east-1:000000000000:key/1234abcd", "SecureString", null))
                .startsWith("arn:aws:kms:");
        assertThat(ParameterChecks.keyId(null, "String", null)).isNull();
        assertThatThrownBy(() -> ParameterChecks.keyId("bogus key", "SecureString", null))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_KEY_ID));
        assertThatThrownBy(() -> ParameterChecks.keyId("alias/x", "StringList", null))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION));
    }

    @Test
    void labelsFollowSsmsRules() {
        assertThat(ParameterChecks.validLabel("prod")).isTrue();
        assertThat(ParameterChecks.validLabel("Release_1.2-rc")).isTrue();
        assertThat(ParameterChecks.validLabel("1st")).isFalse();
        assertThat(ParameterChecks.validLabel("AWSlabel")).isFalse();
        assertThat(ParameterChecks.validLabel("ssm-label")).isFalse();
        assertThat(ParameterChecks.validLabel("with space")).isFalse();
        assertThat(ParameterChecks.validLabel("a/b")).isFalse();
        assertThatThrownBy(() -> ParameterChecks.validLabel("x".repeat(101))).isInstanceOf(ApiException.class);
    }

    @Test
    void allowedPatternsMatchTheWholeValue() {
        ParameterChecks.matches(ParameterChecks.allowedPattern("\\d+"), "123");
        assertThatThrownBy(() -> ParameterChecks.matches(ParameterChecks.allowedPattern("\\d+"), "12a"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.PARAMETER_PATTERN_MISMATCH))
                .hasMessageNotContaining("12a");
        assertThatThrownBy(() -> ParameterChecks.allowedPattern("(")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_ALLOWED_PATTERN));
    }
}

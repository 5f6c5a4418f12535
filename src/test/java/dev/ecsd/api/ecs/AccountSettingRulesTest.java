package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.model.AccountSetting;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountSettingRulesTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ROOT = "arn:aws:iam::123456789012:root";
    private static final String USER = "arn:aws:iam::123456789012:user/alice";
    private static final String ROLE = "arn:aws:iam::123456789012:role/path/deployer";

    @Test
    void theNamesAreEcsSettingsInNameOrder() {
        assertThat(AccountSettingRules.names()).containsExactly("awsvpcTrunking", "containerInsights",
                "containerInstanceLongArnFormat", "defaultLogDriverMode", "dualStackIPv6", "fargateEventWindows",
                "fargateFIPSMode", "fargateTaskRetirementWaitPeriod", "guardDutyActivate", "serviceLongArnFormat",
                "tagResourceAuthorization", "taskLongArnFormat");
    }

    @Test
    void withoutAPrincipalTheCallerIsTheRootUser() {
        assertThat(AccountSettingRules.principal(null, ACCOUNT)).isEqualTo(ROOT);
        assertThat(AccountSettingRules.principal(USER, ACCOUNT)).isEqualTo(USER);
        assertThat(AccountSettingRules.principal(ROLE, ACCOUNT)).isEqualTo(ROLE);
        assertThat(AccountSettingRules.principal(ROOT, ACCOUNT)).isEqualTo(ROOT);
    }

    @ParameterizedTest
    @CsvSource({
        "arn:aws:iam::999999999999:user/alice",
        "arn:aws:iam::123456789012:group/admins",
        "arn:aws:sts::123456789012:assumed-role/deployer/session",
        "arn:aws:ecs:us-east-1:123456789012:cluster/default",
        "alice",
        "arn:aws:iam::123456789012:user/"
    })
    void aPrincipalMustBeAUserRoleOrRootOfTheAccount(String principal) {
        assertThatThrownBy(() -> AccountSettingRules.principal(principal, ACCOUNT))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).type()).isEqualTo(ErrorType.INVALID_PARAMETER))
                .hasMessageContaining("Invalid principalArn '" + principal + "'");
    }

    @ParameterizedTest
    @CsvSource({
        "containerInsights, enabled", "containerInsights, enhanced", "containerInsights, disabled",
        "awsvpcTrunking, enabled", "dualStackIPv6, disabled", "tagResourceAuthorization, off",
        "defaultLogDriverMode, blocking", "defaultLogDriverMode, non-blocking", "serviceLongArnFormat, enabled",
        "taskLongArnFormat, enabled", "containerInstanceLongArnFormat, enabled"
    })
    void aUserMaySetItsOwnSettings(String name, String value) {
        assertThatCode(() -> AccountSettingRules.checkPut(name, value, USER, ROOT, false)).doesNotThrowAnyException();
        assertThatCode(() -> AccountSettingRules.checkPut(name, value, ROOT, ROOT, true)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "containerInsights, on, 'Valid values are enabled, enhanced, disabled.'",
        "fargateTaskRetirementWaitPeriod, 3, 'Valid values are 0, 7, 14.'",
        "defaultLogDriverMode, enabled, 'Valid values are blocking, non-blocking.'",
        "tagResourceAuthorization, enabled, 'Valid values are on, off.'"
    })
    void aValueMustBeOneTheSettingAccepts(String name, String value, String valid) {
        assertThatThrownBy(() -> AccountSettingRules.checkPut(name, value, ROOT, ROOT, true))
                .hasMessage("Invalid value '" + value + "' for account setting " + name + ". " + valid);
    }

    @Test
    void anUnknownNameIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> AccountSettingRules.checkPut("fooFormat", "enabled", ROOT, ROOT, true))
                .hasMessageStartingWith("Invalid account setting name 'fooFormat'. Valid names are awsvpcTrunking, ");
    }

    @Test
    void theLongArnFormatsCanNoLongerBeDisabled() {
        for (String name : List.of("serviceLongArnFormat", "taskLongArnFormat", "containerInstanceLongArnFormat")) {
            assertThatThrownBy(() -> AccountSettingRules.checkPut(name, "disabled", ROOT, ROOT, true))
                    .hasMessage("You can no longer disable Long Arn settings");
            assertThatThrownBy(() -> AccountSettingRules.checkDelete(name))
                    .hasMessage("You can no longer disable Long Arn settings");
        }
    }

    @Test
    void fipsModeIsSetOnlyAsTheAccountDefault() {
        assertThatCode(() -> AccountSettingRules.checkPut("fargateFIPSMode", "enabled", ROOT, ROOT, true))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AccountSettingRules.checkPut("fargateFIPSMode", "enabled", ROOT, ROOT, false))
                .hasMessageContaining("with PutAccountSettingDefault");
    }

    @Test
    void theRetirementWaitPeriodIsSetOnlyForTheAccount() {
        assertThatCode(() -> AccountSettingRules.checkPut("fargateTaskRetirementWaitPeriod", "14", ROOT, ROOT, false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AccountSettingRules.checkPut("fargateTaskRetirementWaitPeriod", "14", USER, ROOT,
                false)).hasMessageContaining("can only be set for the whole account");
    }

    @Test
    void guardDutyActivateIsReadOnly() {
        assertThatThrownBy(() -> AccountSettingRules.checkPut("guardDutyActivate", "on", ROOT, ROOT, true))
                .hasMessageContaining("guardDutyActivate is read-only");
        assertThatThrownBy(() -> AccountSettingRules.checkDelete("guardDutyActivate"))
                .hasMessageContaining("guardDutyActivate is read-only");
        assertThat(AccountSettingRules.isAwsManaged("guardDutyActivate")).isTrue();
        assertThat(AccountSettingRules.isAwsManaged("containerInsights")).isFalse();
    }

    @Test
    void theEffectiveValueIsThePrincipalsElseTheAccountsElseEcss() {
        List<AccountSetting> explicit = List.of(
                new AccountSetting(ROOT, "containerInsights", "enhanced"),
                new AccountSetting(ROOT, "awsvpcTrunking", "enabled"),
                new AccountSetting(USER, "awsvpcTrunking", "disabled"),
                new AccountSetting(ROLE, "containerInsights", "enabled"));

        List<AccountSetting> forUser = AccountSettingRules.effective(USER, ROOT, explicit);

        assertThat(forUser).extracting(AccountSetting::name, AccountSetting::value, AccountSetting::principalArn)
                .containsExactly(
                        tuple("awsvpcTrunking", "disabled", USER),
                        tuple("containerInsights", "enhanced", ROOT),
                        tuple("containerInstanceLongArnFormat", "enabled", ROOT),
                        tuple("defaultLogDriverMode", "non-blocking", ROOT),
                        tuple("dualStackIPv6", "disabled", ROOT),
                        tuple("fargateEventWindows", "disabled", ROOT),
                        tuple("fargateFIPSMode", "disabled", ROOT),
                        tuple("fargateTaskRetirementWaitPeriod", "7", ROOT),
                        tuple("guardDutyActivate", "off", ROOT),
                        tuple("serviceLongArnFormat", "enabled", ROOT),
                        tuple("tagResourceAuthorization", "on", ROOT),
                        tuple("taskLongArnFormat", "enabled", ROOT));
        assertThat(AccountSettingRules.effective(ROLE, ROOT, explicit))
                .filteredOn(setting -> setting.name().equals("containerInsights"))
                .containsExactly(new AccountSetting(ROLE, "containerInsights", "enabled"));
        assertThat(AccountSettingRules.effective(ROOT, ROOT, List.of()))
                .extracting(AccountSetting::value)
                .containsExactly("disabled", "disabled", "enabled", "non-blocking", "disabled", "disabled",
                        "disabled", "7", "off", "enabled", "on", "enabled");
    }
}

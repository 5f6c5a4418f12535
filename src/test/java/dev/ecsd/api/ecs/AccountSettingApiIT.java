package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsResponse;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.SettingType;

/** ECS account settings through the SDK: the four operations, their errors, pages, and the cluster default. */
class AccountSettingApiIT {
    private static final String ROOT = "arn:aws:iam::000000000000:root";
    private static final String USER = "arn:aws:iam::000000000000:user/alice";
    private static final String ROLE = "arn:aws:iam::000000000000:role/deployer";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    @Test
    void putAccountSettingWithoutAPrincipalSetsTheCallersTheRootUsers() {
        Setting setting = ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled")).setting();

        assertThat(setting).isEqualTo(setting("awsvpcTrunking", "enabled", ROOT));
        assertThat(ecs.listAccountSettings(r -> { }).settings()).containsExactly(setting);
    }

    @Test
    void putAccountSettingForAPrincipalAnswersThatPrincipal() {
        Setting setting = ecs.putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced")
                .principalArn(USER)).setting();

        assertThat(setting).isEqualTo(setting("containerInsights", "enhanced", USER));
        assertThat(ecs.listAccountSettings(r -> r.principalArn(USER)).settings()).containsExactly(setting);
        assertThat(ecs.listAccountSettings(r -> { }).settings()).as("the root user's own settings").isEmpty();
    }

    @Test
    void putAccountSettingDefaultSetsTheAccountsDefaultAsTheRootUsers() {
        Setting setting = ecs.putAccountSettingDefault(r -> r.name("fargateTaskRetirementWaitPeriod").value("14"))
                .setting();

        assertThat(setting).isEqualTo(setting("fargateTaskRetirementWaitPeriod", "14", ROOT));
        assertThat(ecs.listAccountSettings(r -> r.principalArn(ROOT)).settings()).containsExactly(setting);
    }

    @Test
    void effectiveSettingsArePrincipalsOwnElseTheAccountDefaultElseEcssDefault() {
        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enabled"));
        ecs.putAccountSettingDefault(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled"));
        ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("disabled").principalArn(ROLE));

        List<Setting> forRole = ecs.listAccountSettingsPaginator(r -> r.principalArn(ROLE).effectiveSettings(true))
                .settings().stream().toList();

        assertThat(forRole).extracting(Setting::nameAsString, Setting::value, Setting::principalArn).containsExactly(
                tuple("awsvpcTrunking", "disabled", ROLE),
                tuple("containerInsights", "enabled", ROOT),
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
        assertThat(forRole).filteredOn(s -> s.type() == SettingType.AWS_MANAGED).extracting(Setting::nameAsString)
                .containsExactly("guardDutyActivate");
        assertThat(ecs.listAccountSettings(r -> r.principalArn(ROLE)).settings()).as("without effectiveSettings")
                .containsExactly(setting("awsvpcTrunking", "disabled", ROLE));
    }

    @Test
    void effectiveSettingsComeInPagesOfTenAtMost() {
        ListAccountSettingsResponse first = ecs.listAccountSettings(r -> r.effectiveSettings(true));
        assertThat(first.settings()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        ListAccountSettingsResponse second = ecs.listAccountSettings(r -> r.effectiveSettings(true)
                .nextToken(first.nextToken()));
        assertThat(second.settings()).extracting(Setting::nameAsString)
                .containsExactly("tagResourceAuthorization", "taskLongArnFormat");
        assertThat(second.nextToken()).isNull();

        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListAccountSettingsResponse page = ecs.listAccountSettings(r -> r.effectiveSettings(true).maxResults(5)
                    .nextToken(next));
            assertThat(page.settings().size()).isLessThanOrEqualTo(5);
            page.settings().forEach(s -> names.add(s.nameAsString()));
            token = page.nextToken();
        } while (token != null);
        assertThat(names).hasSize(12).doesNotHaveDuplicates().isSorted();
        assertThat(ecs.listAccountSettingsPaginator(r -> r.effectiveSettings(true).maxResults(3)).settings())
                .hasSize(12);
    }

    @Test
    void listFiltersByNameAndValue() {
        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));

        assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true).name(SettingName.CONTAINER_INSIGHTS))
                .settings()).containsExactly(setting("containerInsights", "enhanced", ROOT));
        assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true).name(SettingName.CONTAINER_INSIGHTS)
                .value("disabled")).settings()).isEmpty();
        assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true)
                .name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD).value("7")).settings())
                .containsExactly(setting("fargateTaskRetirementWaitPeriod", "7", ROOT));
        assertInvalid(() -> ecs.listAccountSettings(r -> r.value("enabled")),
                "The value filter needs an account setting name");
        assertInvalid(() -> ecs.listAccountSettings(r -> r.maxResults(11)), "maxResults must be between 1 and 10");
        assertInvalid(() -> ecs.listAccountSettings(r -> r.nextToken("forged")), "Invalid nextToken");
    }

    @Test
    void deleteAccountSettingRemovesThePrincipalsOwnSoTheDefaultAppliesAgain() {
        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enabled"));
        ecs.putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("disabled").principalArn(USER));

        Setting deleted = ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).principalArn(USER))
                .setting();

        assertThat(deleted).isEqualTo(setting("containerInsights", "disabled", USER));
        assertThat(ecs.listAccountSettings(r -> r.principalArn(USER)).settings()).isEmpty();
        assertThat(ecs.listAccountSettings(r -> r.principalArn(USER).effectiveSettings(true)
                .name(SettingName.CONTAINER_INSIGHTS)).settings())
                .containsExactly(setting("containerInsights", "enabled", ROOT));

        Setting rootDeleted = ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS)).setting();
        assertThat(rootDeleted).isEqualTo(setting("containerInsights", "enabled", ROOT));
        Setting again = ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS)).setting();
        assertThat(again).as("deleting what is not set answers the value in effect")
                .isEqualTo(setting("containerInsights", "disabled", ROOT));
    }

    @Test
    void ecsRefusalsAreInvalidParameterExceptions() {
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name(SettingName.SERVICE_LONG_ARN_FORMAT).value("disabled")),
                "You can no longer disable Long Arn settings");
        assertInvalid(() -> ecs.putAccountSettingDefault(r -> r.name(SettingName.TASK_LONG_ARN_FORMAT)
                .value("disabled")),
                "You can no longer disable Long Arn settings");
        assertInvalid(() -> ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSTANCE_LONG_ARN_FORMAT)),
                "You can no longer disable Long Arn settings");
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name(SettingName.FARGATE_FIPS_MODE).value("enabled")),
                "with PutAccountSettingDefault");
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD)
                .value("0").principalArn(USER)), "can only be set for the whole account");
        assertInvalid(() -> ecs.putAccountSettingDefault(r -> r.name(SettingName.GUARD_DUTY_ACTIVATE).value("on")),
                "guardDutyActivate is read-only");
        assertInvalid(() -> ecs.putAccountSettingDefault(r -> r.name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD)
                .value("3")),
                "Invalid value '3' for account setting fargateTaskRetirementWaitPeriod. Valid values are 0, 7, 14.");
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("on")),
                "Valid values are enabled, enhanced, disabled.");
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name("noSuchSetting").value("enabled")),
                "Invalid account setting name 'noSuchSetting'");
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled")
                .principalArn("arn:aws:iam::999999999999:user/bob")), "Invalid principalArn");
        assertInvalid(() -> ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING)),
                "The request is missing the required parameter 'value'.");
        assertThat(ecs.listAccountSettings(r -> r.principalArn(ROOT)).settings()).as("nothing was stored").isEmpty();
        assertThat(ecs.putAccountSettingDefault(r -> r.name("dualStackIPv6").value("enabled")).setting())
                .as("a setting ECS documents though the SDK's enum lacks it")
                .isEqualTo(setting("dualStackIPv6", "enabled", ROOT));
    }

    @Test
    void theCallersContainerInsightsSettingIsTheDefaultOfNewClusters() {
        assertThat(ecs.createCluster(r -> r.clusterName("before")).cluster().settings())
                .containsExactly(insights("disabled"));

        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));

        assertThat(ecs.createCluster(r -> r.clusterName("after")).cluster().settings())
                .containsExactly(insights("enhanced"));
        assertThat(ecs.createCluster(r -> r.clusterName("explicit").settings(insights("disabled"))).cluster()
                .settings()).as("a setting in the request wins").containsExactly(insights("disabled"));
        assertThat(ecs.describeClusters(r -> r.clusters("before").include(
                ClusterField.SETTINGS)).clusters().getFirst().settings())
                .as("existing clusters keep theirs").containsExactly(insights("disabled"));
        ecs.putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enabled").principalArn(USER));
        assertThat(ecs.createCluster(r -> r.clusterName("caller-is-root")).cluster().settings())
                .as("another principal's setting is not the caller's").containsExactly(insights("enhanced"));
    }

    @Test
    void anOperationEcsdDoesNotImplementAnswersNotImplementedNamingIt() {
        assertThatThrownBy(() -> ecs.executeCommand(r -> r.cluster("default").task("t").command("ls")
                .interactive(true)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplementedException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("ExecuteCommand");
                });
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
    }

    private static Setting setting(String name, String value, String principal) {
        return Setting.builder().name(name).value(value).principalArn(principal).type(SettingType.USER).build();
    }

    private static ClusterSetting insights(String value) {
        return ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value(value).build();
    }
}

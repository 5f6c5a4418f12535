package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;

/** Acknowledged account settings survive SIGKILL, and still decide the default of new clusters afterwards. */
class AccountSettingRestartIT {
    private static final String ROOT = "arn:aws:iam::000000000000:root";
    private static final String USER = "arn:aws:iam::000000000000:user/alice";

    @Test
    void settingsAndTheirDeletionComeBackAfterKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            process.ecs().putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));
            process.ecs().putAccountSettingDefault(r -> r.name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD)
                    .value("0"));
            process.ecs().putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled")
                    .principalArn(USER));
            process.ecs().putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("disabled")
                    .principalArn(USER));
            process.ecs().deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).principalArn(USER));

            process.kill9();
            process.restart();

            assertThat(process.ecs().listAccountSettings(r -> { }).settings())
                    .extracting(Setting::nameAsString, Setting::value, Setting::principalArn)
                    .containsExactly(tuple("containerInsights", "enhanced", ROOT),
                            tuple("fargateTaskRetirementWaitPeriod", "0", ROOT));
            assertThat(process.ecs().listAccountSettings(r -> r.principalArn(USER)).settings())
                    .extracting(Setting::nameAsString, Setting::value)
                    .containsExactly(tuple("awsvpcTrunking", "enabled"));
            assertThat(process.ecs().createCluster(r -> r.clusterName("after-restart")).cluster().settings())
                    .containsExactly(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS)
                            .value("enhanced").build());
        }
    }
}

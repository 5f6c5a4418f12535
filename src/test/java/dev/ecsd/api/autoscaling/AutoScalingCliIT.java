package dev.ecsd.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's aws application-autoscaling commands with the AWS CLI v2: src/test/cli/autoscaling-cli.sh; and all five
 * of its commands, with CloudWatch's, against a service under load: src/test/cli/autoscaling-seed-cli.sh.
 */
class AutoScalingCliIT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "autoscaling-cli.sh");
    private static final Path SEED_SCRIPT = Path.of("src", "test", "cli", "autoscaling-seed-cli.sh");

    @Test
    void theIssuesApplicationAutoScalingCommandsWork() {
        CliScripts.requireAwsCli();

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("ok - put-scaling-policy answers the policy's ARN")
                    .contains("ok - another namespace is refused clearly")
                    .contains("checks of the aws CLI's application-autoscaling commands against ecsd passed");
        }
    }

    @Test
    void theIssuesCommandsShowALoadedServicesMetricsAlarmsAndScaling(@TempDir Path data) {
        CliScripts.requireAwsCli();
        // two-second minutes: the high alarm's three periods pass in six seconds (cooldowns stay in real seconds)
        try (TestServer server = TestServer.start(
                TestServer.configFor(data).withMetricPeriod(MetricPeriod.ofSeconds(2)))) {
            // 22.5 % of a core is 90 % of a task of cpu 256
            ((SimulatedRuntime) server.server().runtime()).setLoad(spec -> true, 22.5, 32L << 20);

            String output = CliScripts.run(SEED_SCRIPT, server.endpoint(), Duration.ofSeconds(300));

            assertThat(output).contains("ok - get-metric-statistics shows Average and Maximum near 90 % per minute")
                    .contains("ok - describe-alarms lists the policy's AlarmHigh and AlarmLow with their descriptions")
                    .contains("ok - describe-alarms --state-value ALARM shows the high alarm with CloudWatch's reason")
                    .contains("ok - describe-scaling-activities shows 'Setting desired count to 3.' caused by the "
                            + "high alarm")
                    .contains("checks of the issue's autoscaling commands on a loaded service passed");
        }
    }
}

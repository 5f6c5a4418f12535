package dev.ecsd.api.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.CliScripts;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch's metric operations through boto3, which speaks AWS JSON 1.0 to CloudWatch from botocore 1.42.10 on:
 * src/test/cli/cloudwatch-metrics-boto3.sh. Skipped where the machine has no boto3 that new.
 */
class CloudWatchMetricsBoto3IT {
    private static final Path SCRIPT = Path.of("src", "test", "cli", "cloudwatch-metrics-boto3.sh");

    @Test
    void boto3SpeaksJson10ToTheMetricOperations() {
        Assumptions.assumeTrue(botocoreSpeaksJson10(), "needs boto3 with botocore >= 1.42.10");

        try (TestServer server = TestServer.start()) {
            String output = CliScripts.run(SCRIPT, server.endpoint(), Duration.ofSeconds(120), Map.of());

            assertThat(output).contains("ok - the request is AWS JSON 1.0", "ok - a large put is gzip-compressed")
                    .contains("checks of boto3's CloudWatch metric calls (AWS JSON 1.0) against ecsd passed");
        }
    }

    private static boolean botocoreSpeaksJson10() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import boto3, botocore; "
                    + "print(tuple(int(p) for p in botocore.__version__.split('.')[:3]) >= (1, 42, 10))")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && output.equals("True");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

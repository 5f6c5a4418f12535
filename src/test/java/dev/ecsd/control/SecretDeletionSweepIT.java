package dev.ecsd.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.model.secrets.Secret;
import dev.ecsd.state.Kind;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A secret scheduled for deletion is purged once its recovery window has passed, and not a moment before. */
class SecretDeletionSweepIT {

    @Test
    void purgesSecretsWhoseRecoveryWindowEnded() {
        VirtualTimer timer = new VirtualTimer(Instant.now());
        try (TestServer server = TestServer.start(timer, new SimulatedRuntime(timer), true);
                SecretsManagerClient secrets = server.secretsManager()) {
            secrets.createSecret(r -> r.name("short").secretString("a"));
            secrets.createSecret(r -> r.name("long").secretString("b"));
            secrets.createSecret(r -> r.name("kept").secretString("c"));
            secrets.deleteSecret(r -> r.secretId("short").recoveryWindowInDays(7L));
            secrets.deleteSecret(r -> r.secretId("long"));

            timer.advance(Duration.ofDays(7).minusMinutes(10));
            server.server().controllers().runUntilIdle();
            assertThat(names(server)).containsExactlyInAnyOrder("short", "long", "kept");

            timer.advance(Duration.ofMinutes(20));
            server.server().controllers().runUntilIdle();
            assertThat(names(server)).containsExactlyInAnyOrder("long", "kept");

            timer.advance(Duration.ofDays(23));
            server.server().controllers().runUntilIdle();
            assertThat(names(server)).containsExactly("kept");
        }
    }

    private static List<String> names(TestServer server) {
        return server.server().store().snapshot().all(Kind.SECRET).map(Secret::name).toList();
    }
}

package dev.ecsd.api.ecs;

import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.VirtualTimer;
import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.auth.scheme.EcsAuthSchemeProvider;

/**
 * A server on a {@link VirtualTimer}, a {@link SimulatedRuntime} and controllers that run only when this steps
 * them, and an SDK client that signs its requests at
 * the same virtual time (the server checks signatures against its own clock, so a client on the real clock
 * would be refused once virtual time has moved more than 15 minutes).
 */
final class VirtualTimeServer implements AutoCloseable {
    final VirtualTimer clock = new VirtualTimer(Instant.parse("2025-01-01T00:00:00Z"));
    final SimulatedRuntime runtime = new SimulatedRuntime(clock);
    final TestServer server = TestServer.start(clock, runtime, true);
    final EcsClient ecs = EcsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(TestServer.REGION))
            .credentialsProvider(TestServer.credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .authSchemeProvider(parameters -> EcsAuthSchemeProvider.defaultProvider().resolveAuthScheme(parameters)
                    .stream()
                    .map(option -> option.toBuilder().putSignerProperty(HttpSigner.SIGNING_CLOCK, clock).build())
                    .toList())
            .build();

    /**
     * Moves virtual time on: whatever waits for it (task workers, the runtime, controllers' requeues) comes due on
     * the way; then the controllers run what that queued, here, before this returns.
     */
    void advance(Duration duration) {
        clock.advance(duration);
        settle();
    }

    /** Runs the controllers until none has anything queued. */
    void settle() {
        server.server().controllers().runUntilIdle();
    }

    /** Waits until {@code calls} runtime calls are blocked waiting for virtual time to pass. */
    void awaitCallsWaitingForTime(int calls) {
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.callsWaitingForTime() == calls);
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        ecs.close();
        server.close();
    }
}

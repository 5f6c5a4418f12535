package dev.ecsd.testing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * SDK clients that sign with a given clock, for servers on virtual time ({@link VirtualTimer}): once a
 * test has moved virtual time past the 15 minutes of skew SigV4 allows, requests signed with the wall clock
 * would be refused.
 */
public final class ClockedClients {
    private ClockedClients() {
    }

    public static EcsClient ecs(URI endpoint, Clock clock) {
        return clocked(EcsClient.builder(), endpoint, clock);
    }

    public static CloudWatchClient cloudWatch(URI endpoint, Clock clock) {
        return clocked(CloudWatchClient.builder(), endpoint, clock);
    }

    public static ApplicationAutoScalingClient autoScaling(URI endpoint, Clock clock) {
        return clocked(ApplicationAutoScalingClient.builder(), endpoint, clock);
    }

    /**
     * A client of any service signing at {@code clock}'s time with {@code credentials} (temporary ones, say): for
     * a session that must outlive 15 minutes of virtual time.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C signedWith(B builder,
            URI endpoint, Clock clock, AwsCredentialsProvider credentials) {
        return TestServer.client(builder.putAuthScheme(new ClockedSigV4(clock))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60))),
                endpoint, credentials);
    }

    private record ClockedSigV4(Clock clock) implements AuthScheme<AwsCredentialsIdentity> {
        @Override
        public String schemeId() {
            return "aws.auth#sigv4";
        }

        @Override
        public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
            return providers.identityProvider(AwsCredentialsIdentity.class);
        }

        @Override
        public HttpSigner<AwsCredentialsIdentity> signer() {
            AwsV4HttpSigner signer = AwsV4HttpSigner.create();
            return new HttpSigner<>() {
                @Override
                public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
                    return signer.sign(request.copy(r -> r.putProperty(HttpSigner.SIGNING_CLOCK, clock)));
                }

                @Override
                public CompletableFuture<AsyncSignedRequest> signAsync(
                        AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
                    return signer.signAsync(request.copy(r -> r.putProperty(HttpSigner.SIGNING_CLOCK, clock)));
                }
            };
        }
    }

    /** The test client of {@link TestServer#client}, signing at {@code clock}'s time, with retries and a timeout. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C clocked(B builder, URI endpoint,
            Clock clock) {
        return TestServer.client(builder.putAuthScheme(new ClockedSigV4(clock))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60))),
                endpoint);
    }
}

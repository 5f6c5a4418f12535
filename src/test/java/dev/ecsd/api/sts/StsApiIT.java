package dev.ecsd.api.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ecsd.testing.SharedServer;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS through the Java SDK's StsClient (AWS Query), and its temporary credentials used by other clients. */
class StsApiIT {
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();

    private static final String ROLE = "arn:aws:iam::000000000000:role/app";

    @Test
    void theServersKeysAreTheAccountsRoot() {
        GetCallerIdentityResponse identity = server.sts().getCallerIdentity();

        assertThat(identity.account()).isEqualTo(TestServer.ACCOUNT);
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(identity.userId()).isEqualTo(TestServer.ACCOUNT);
    }

    @Test
    void anAssumedRolesCredentialsWorkWithEcsSecretsManagerAndSts() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        AssumeRoleResponse assumed = server.sts().assumeRole(r -> r.roleArn(ROLE).roleSessionName("worker"));
        Credentials credentials = assumed.credentials();

        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.expiration()).isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3600));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/app/worker");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:worker");
        assertThat(assumed.packedPolicySize()).isNull();
        try (EcsClient ecs = TestServer.client(EcsClient.builder(), server.endpoint(), provider(credentials));
                SecretsManagerClient secrets = TestServer.client(SecretsManagerClient.builder(), server.endpoint(),
                        provider(credentials));
                StsClient sts = TestServer.client(StsClient.builder(), server.endpoint(), provider(credentials))) {
            ecs.createCluster(r -> r.clusterName("made-by-a-role"));
            assertThat(ecs.listClusters().clusterArns()).anyMatch(arn -> arn.endsWith("/made-by-a-role"));
            assertThat(secrets.listSecrets().secretList()).isEmpty();
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());
            assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
            assertThat(identity.account()).isEqualTo(TestServer.ACCOUNT);
        }
    }

    @Test
    void aRolesIdIsStableAndItsPathIsLeftOutOfTheAssumedRoleArn() {
        AssumeRoleResponse first = server.sts().assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/team/a/db")
                .roleSessionName("one").durationSeconds(900));
        AssumeRoleResponse second = server.sts().assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/team/a/db")
                .roleSessionName("two@example.com"));

        assertThat(first.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/db/one");
        assertThat(first.credentials().expiration())
                .isCloseTo(Instant.now().plusSeconds(900), within(5, ChronoUnit.SECONDS));
        assertThat(second.assumedRoleUser().assumedRoleId().split(":")[0])
                .isEqualTo(first.assumedRoleUser().assumedRoleId().split(":")[0]);
        assertThat(first.credentials().accessKeyId()).isNotEqualTo(second.credentials().accessKeyId());
    }

    @Test
    void aSessionPolicyIsAcceptedAndMeasuredButNotEvaluated() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        AssumeRoleResponse assumed = server.sts().assumeRole(r -> r.roleArn(ROLE).roleSessionName("limited")
                .policy(policy).tags(t -> t.key("team").value("web")));

        assertThat(assumed.packedPolicySize()).isBetween(1, 100);
        try (EcsClient ecs = TestServer.client(EcsClient.builder(), server.endpoint(),
                provider(assumed.credentials()))) {
            assertThat(ecs.listClusters().clusterArns()).isNotNull();
        }
        assertError(() -> server.sts().assumeRole(r -> r.roleArn(ROLE).roleSessionName("bad").policy("{not json")),
                "MalformedPolicyDocument", 400, "The policy is not in the valid JSON format.");
    }

    @Test
    void assumeRoleValidatesAsStsDoes() {
        assertError(() -> assume(r -> r.roleArn("arn:aws:iam::000000000000:user/bob").roleSessionName("s1")),
                "ValidationError", 400, "arn:aws:iam::000000000000:user/bob is invalid");
        assertError(() -> assume(r -> r.roleArn("arn:aws:iam::0000:role/short-account").roleSessionName("s1")),
                "ValidationError", 400, "arn:aws:iam::0000:role/short-account is invalid");
        assertError(() -> assume(r -> r.roleArn("app").roleSessionName("s1")), "ValidationError", 400,
                "1 validation error detected: Value 'app' at 'roleArn' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 20");
        assertError(() -> assume(r -> r.roleArn(ROLE).roleSessionName("has space")), "ValidationError", 400,
                "Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular "
                        + "expression pattern: [\\w+=,.@-]*");
        assertError(() -> assume(r -> r.roleArn(ROLE).roleSessionName("x")), "ValidationError", 400,
                "Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater "
                        + "than or equal to 2");
        assertError(() -> assume(r -> r.roleArn(ROLE).roleSessionName("s".repeat(65))), "ValidationError", 400,
                "Member must have length less than or equal to 64");
        assertError(() -> assume(r -> r.roleArn(ROLE).roleSessionName("s1").durationSeconds(899)),
                "ValidationError", 400, "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must "
                        + "have value greater than or equal to 900");
        assertError(() -> assume(r -> r.roleArn(ROLE).roleSessionName("s1").durationSeconds(43201)),
                "ValidationError", 400, "Member must have value less than or equal to 43200");
        assertError(() -> assume(r -> r.roleArn(ROLE)), "ValidationError", 400,
                "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
        assertError(() -> assume(r -> r.roleArn("bad role").roleSessionName("bad name")), "ValidationError", 400,
                "2 validation errors detected: ");
        assertThat(assume(r -> r.roleArn(ROLE).roleSessionName("s1").durationSeconds(43200)).credentials()
                .expiration()).isAfter(Instant.now().plus(Duration.ofHours(11)));
    }

    @Test
    void aRoleSessionMayAssumeAnotherRoleForAnHourAtMost() {
        Credentials first = assume(r -> r.roleArn(ROLE).roleSessionName("first").durationSeconds(43200)).credentials();
        try (StsClient chained = TestServer.client(StsClient.builder(), server.endpoint(), provider(first))) {
            assertError(() -> chained.assumeRole(r -> r.roleArn(ROLE).roleSessionName("second").durationSeconds(3601)),
                    "ValidationError", 400, "The requested DurationSeconds exceeds the 1 hour session limit for "
                            + "roles assumed by role chaining.");
            AssumeRoleResponse second = chained.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/other")
                    .roleSessionName("second"));
            assertThat(second.credentials().expiration()).isBefore(Instant.now().plusSeconds(3601));
            assertThat(second.assumedRoleUser().arn()).endsWith(":assumed-role/other/second");
        }
    }

    @Test
    void getSessionTokenGivesTheAccountAnHourAndIsRefusedToASession() {
        Credentials session = server.sts().getSessionToken().credentials();

        assertThat(session.accessKeyId()).startsWith("ASIA");
        assertThat(session.expiration()).isCloseTo(Instant.now().plusSeconds(3600), within(5, ChronoUnit.SECONDS));
        try (StsClient sts = TestServer.client(StsClient.builder(), server.endpoint(), provider(session))) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:root");
            assertError(sts::getSessionToken, "AccessDenied", 403,
                    "Cannot call GetSessionToken with session credentials");
        }
        assertError(() -> server.sts().getSessionToken(r -> r.durationSeconds(129601)), "ValidationError", 400,
                "Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than "
                        + "or equal to 129600");
    }

    @Test
    void aTamperedOrMissingTokenIsRefusedByEveryService() {
        Credentials credentials = assume(r -> r.roleArn(ROLE).roleSessionName("victim")).credentials();
        String tampered = credentials.sessionToken().substring(0, 10) + "A" + credentials.sessionToken().substring(11);
        Credentials forged = credentials.toBuilder()
                .sessionToken(tampered.equals(credentials.sessionToken()) ? "B" + tampered.substring(1) : tampered)
                .build();
        try (StsClient sts = TestServer.client(StsClient.builder(), server.endpoint(), provider(forged));
                EcsClient ecs = TestServer.client(EcsClient.builder(), server.endpoint(), provider(forged));
                EcsClient noToken = TestServer.client(EcsClient.builder(), server.endpoint(),
                        StaticCredentialsProvider.create(software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                                .create(credentials.accessKeyId(), credentials.secretAccessKey())))) {
            assertError(sts::getCallerIdentity, "InvalidClientTokenId", 403,
                    "The security token included in the request is invalid.");
            assertError(ecs::listClusters, "UnrecognizedClientException", 400,
                    "The security token included in the request is invalid.");
            assertError(noToken::listClusters, "UnrecognizedClientException", 400,
                    "The security token included in the request is invalid.");
        }
    }

    private static AssumeRoleResponse assume(Consumer<AssumeRoleRequest.Builder> request) {
        return server.sts().assumeRole(request);
    }

    static StaticCredentialsProvider provider(Credentials credentials) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken()));
    }

    static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, int status,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}

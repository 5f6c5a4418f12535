package dev.ecsd.api.sts;

import static dev.ecsd.api.sts.StsApiIT.assertError;
import static dev.ecsd.api.sts.StsApiIT.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.TemporaryCredentials;
import dev.ecsd.testing.ClockedClients;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import dev.ecsd.testing.VirtualTimer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** How long temporary credentials hold: until they expire, while their task runs, across a restart. */
class StsSessionIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/app";
    private static final String EXPIRED = "The security token included in the request is expired";

    @Test
    void aSessionIsRefusedOnceItExpiresByTheServersClock() {
        VirtualTimer timer = new VirtualTimer(Instant.now());
        try (TestServer server = TestServer.start(timer, new SimulatedRuntime(timer), true);
                StsClient sts = ClockedClients.signedWith(StsClient.builder(), server.endpoint(), timer,
                        TestServer.credentials())) {
            Credentials credentials = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("short")
                    .durationSeconds(900)).credentials();
            assertThat(credentials.expiration()).isEqualTo(timer.instant().plusSeconds(900).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS));
            try (EcsClient ecs = ClockedClients.signedWith(EcsClient.builder(), server.endpoint(), timer,
                    provider(credentials));
                    StsClient asRole = ClockedClients.signedWith(StsClient.builder(), server.endpoint(), timer,
                            provider(credentials))) {
                assertThat(ecs.listClusters().clusterArns()).isEmpty();
                timer.advance(Duration.ofSeconds(899));
                assertThat(asRole.getCallerIdentity().arn()).endsWith(":assumed-role/app/short");

                timer.advance(Duration.ofSeconds(1));

                assertError(ecs::listClusters, "ExpiredTokenException", 400, EXPIRED);
                assertError(asRole::getCallerIdentity, "ExpiredToken", 403, EXPIRED);
                assertThat(sts.getCallerIdentity().arn()).as("the server's own keys do not expire")
                        .endsWith(":root");
            }
        }
    }

    @Test
    void aTasksSessionHoldsWhileTheTaskRunsAndIsRefusedOnceItStops() {
        try (TestServer server = TestServer.start()) {
            server.ecs().createCluster(r -> r.clusterName("roles"));
            EcsTasks tasks = new EcsTasks(server.ecs(), "roles");
            String definition = tasks.register("with-role", r -> r.taskRoleArn(ROLE),
                    ContainerDefinition.builder().name("app").image("public.ecr.aws/docker/library/busybox:latest")
                            .essential(true).build());
            String taskArn = tasks.run(definition);
            tasks.awaitStatus(taskArn, "RUNNING");
            String taskId = EcsTasks.taskId(taskArn);
            // As the task-role endpoint issues them: the task's role, its id as the session, bound to the task.
            SessionIssuer issuer = new SessionIssuer(server.server().cipher());
            TemporaryCredentials issued = issuer.issue(new SessionClaims(ROLE, taskId, taskArn,
                    Instant.now().plus(Duration.ofHours(6))));
            TemporaryCredentials ofNoTask = issuer.issue(new SessionClaims(ROLE, "ghost",
                    taskArn.replace(taskId, "0".repeat(32)), Instant.now().plus(Duration.ofHours(6))));
            StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
            try (EcsClient ecs = TestServer.client(EcsClient.builder(), server.endpoint(), credentials);
                    StsClient sts = TestServer.client(StsClient.builder(), server.endpoint(), credentials);
                    EcsClient ghost = TestServer.client(EcsClient.builder(), server.endpoint(),
                            StaticCredentialsProvider.create(AwsSessionCredentials.create(ofNoTask.accessKeyId(),
                                    ofNoTask.secretAccessKey(), ofNoTask.sessionToken())))) {
                assertThat(ecs.listClusters().clusterArns()).hasSize(1);
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::000000000000:assumed-role/app/" + taskId);
                assertError(ghost::listClusters, "ExpiredTokenException", 400, EXPIRED);

                server.ecs().stopTask(r -> r.cluster("roles").task(taskArn).reason("done"));
                tasks.awaitStatus(taskArn, "STOPPED");

                assertError(ecs::listClusters, "ExpiredTokenException", 400, EXPIRED);
                assertError(sts::getCallerIdentity, "ExpiredToken", 403, EXPIRED);
            }
        }
    }

    @Test
    void ecsdsOwnResetRouteRefusesTemporaryCredentials() {
        try (TestServer server = TestServer.start(); StsClient sts = server.sts()) {
            server.ecs().createCluster(r -> r.clusterName("kept"));
            Credentials credentials = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("wiper")).credentials();

            HttpResponse<String> response = new SignedRequests(server.endpoint())
                    .credentials(credentials.accessKeyId(), credentials.secretAccessKey())
                    .scope(TestServer.REGION, "ecsd")
                    .sendSigned("POST", "/_ecsd/reset", Map.of("x-amz-security-token", credentials.sessionToken()),
                            new byte[0], Instant.now());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("AccessDeniedException").contains("long-term credentials only");
            assertThat(server.ecs().listClusters().clusterArns()).hasSize(1);
        }
    }

    @Test
    void sessionsSurviveAKillNineBecauseNothingAboutThemIsStored() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            Credentials credentials;
            try (StsClient sts = TestServer.client(StsClient.builder(), process.endpoint())) {
                credentials = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("durable")).credentials();
            }

            process.kill9();
            process.restart();

            try (EcsClient ecs = TestServer.client(EcsClient.builder(), process.endpoint(), provider(credentials));
                    StsClient sts = TestServer.client(StsClient.builder(), process.endpoint(), provider(credentials))) {
                assertThat(ecs.listClusters().clusterArns()).isNotNull();
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::000000000000:assumed-role/app/durable");
            }
        }
    }
}

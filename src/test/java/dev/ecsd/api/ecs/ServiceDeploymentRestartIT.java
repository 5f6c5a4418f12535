package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.ServerProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;

/**
 * The deployment history survives SIGKILL: a rollout, a failed rollout the circuit breaker rolled back, and a
 * deployment rolled back by StopServiceDeployment are all there afterwards with their statuses, revisions and rollback
 * details, and the history goes on from where it was.
 */
class ServiceDeploymentRestartIT {
    private static final String CLUSTER = "history";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void theHistoryComesBackAfterKill9() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated")) {
            EcsClient ecs = process.ecs();
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            String good = registerFargate(ecs, "web", "registry.example/good:1");
            String goodToo = registerFargate(ecs, "web", "registry.example/good:2");
            // a task whose awslogs group does not exist fails to start (ResourceInitializationError)
            String bad = ecs.registerTaskDefinition(r -> r.family("web").requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .executionRoleArn("arn:aws:iam::000000000000:role/ecsTaskExecutionRole")
                    .containerDefinitions(ContainerDefinition.builder().name("web").image("registry.example/good:1")
                            .essential(true).logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(Map.of(
                                    "awslogs-group", "missing", "awslogs-region", "us-east-1",
                                    "awslogs-stream-prefix", "web"))).build()))
                    .taskDefinition().taskDefinitionArn();

            ecs.createService(fargateService(CLUSTER, "rolled", good, 1).build());
            awaitCompleted(ecs, "rolled", good);
            ecs.updateService(r -> r.cluster(CLUSTER).service("rolled").taskDefinition(goodToo));
            awaitCompleted(ecs, "rolled", goodToo);
            assertThat(statuses(ecs, "rolled")).containsExactly("SUCCESSFUL", "SUCCESSFUL");

            ecs.createService(fargateService(CLUSTER, "breaker", good, 1).deploymentConfiguration(c -> c
                    .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))).build());
            awaitCompleted(ecs, "breaker", good);
            ecs.updateService(r -> r.cluster(CLUSTER).service("breaker").taskDefinition(bad));
            String failed = list(ecs, "breaker").getFirst().serviceDeploymentArn();
            awaitStatus(ecs, failed, "ROLLBACK_SUCCESSFUL");

            ecs.createService(fargateService(CLUSTER, "stopped", good, 1).build());
            awaitCompleted(ecs, "stopped", good);
            ecs.updateService(r -> r.cluster(CLUSTER).service("stopped").taskDefinition(bad));
            String stopped = list(ecs, "stopped").getFirst().serviceDeploymentArn();
            ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(stopped));
            awaitStatus(ecs, stopped, "ROLLBACK_SUCCESSFUL");

            Map<String, ServiceDeployment> before = history(ecs);
            assertThat(before).hasSize(6);

            process.kill9();
            process.restart();
            EcsClient again = process.ecs();

            Map<String, ServiceDeployment> after = history(again);
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            after.forEach((arn, deployment) -> assertThat(deployment.equalsBySdkFields(before.get(arn)))
                    .as("%s after the restart: %s, before: %s", arn, deployment, before.get(arn)).isTrue());
            ServiceDeployment rolledBack = after.get(failed);
            assertThat(rolledBack.statusAsString()).isEqualTo("ROLLBACK_SUCCESSFUL");
            assertThat(rolledBack.deploymentCircuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
            assertThat(rolledBack.rollback().serviceRevisionArn())
                    .isEqualTo(rolledBack.sourceServiceRevisions().getFirst().arn());
            assertThat(after.get(stopped).rollback().reason()).contains("StopServiceDeployment");
            assertThat(again.describeServiceRevisions(r -> r.serviceRevisionArns(
                    rolledBack.targetServiceRevision().arn(), rolledBack.rollback().serviceRevisionArn()))
                    .serviceRevisions()).extracting(r -> r.taskDefinition()).containsExactly(bad, good);

            // and it goes on: a deployment after the restart joins the history
            again.updateService(r -> r.cluster(CLUSTER).service("rolled").taskDefinition(good));
            awaitCompleted(again, "rolled", good);
            assertThat(statuses(again, "rolled")).containsExactly("SUCCESSFUL", "SUCCESSFUL", "SUCCESSFUL");
        }
    }

    /** Every service deployment of the three services, described, by ARN in list order. */
    private static Map<String, ServiceDeployment> history(EcsClient ecs) {
        Map<String, ServiceDeployment> all = new LinkedHashMap<>();
        for (String service : List.of("rolled", "breaker", "stopped")) {
            List<String> arns = list(ecs, service).stream().map(ServiceDeploymentBrief::serviceDeploymentArn).toList();
            ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(arns)).serviceDeployments()
                    .forEach(d -> all.put(d.serviceDeploymentArn(), d));
        }
        return all;
    }

    private static List<ServiceDeploymentBrief> list(EcsClient ecs, String service) {
        return ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service(service)).serviceDeployments();
    }

    private static List<String> statuses(EcsClient ecs, String service) {
        return list(ecs, service).stream().map(ServiceDeploymentBrief::statusAsString).toList();
    }

    private static void awaitCompleted(EcsClient ecs, String service, String taskDefinition) {
        ServiceRequests.awaitService(ecs, CLUSTER, service, PATIENCE, service + " completed on " + taskDefinition,
                s -> completedOn(s, taskDefinition, 1));
    }

    private static void awaitStatus(EcsClient ecs, String arn, String status) {
        await(arn + " " + status).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(arn)).serviceDeployments()
                        .getFirst().statusAsString(), status::equals);
    }
}

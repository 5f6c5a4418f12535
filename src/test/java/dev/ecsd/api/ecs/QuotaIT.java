package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.EcsQuotas;
import dev.ecsd.testing.TestServer;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LimitExceededException;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * ECS's service quotas through the Java SDK, on a server with small ones (3 clusters, 2 services per cluster, 5
 * tasks per service, 4 standalone tasks per cluster, 3 revisions per family) so that reaching them is quick.
 */
class QuotaIT {
    private static final EcsQuotas SMALL = new EcsQuotas(3, 2, 5, 4, 3);
    private static TestServer server;
    private static EcsClient ecs;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.configFor(Files.createTempDirectory("ecsd-quota-")).withQuotas(SMALL));
        ecs = server.ecs();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void aFourthClusterIsRefusedUntilOneIsDeleted() {
        for (String name : List.of("c1", "c2", "c3")) {
            ecs.createCluster(r -> r.clusterName(name));
        }

        assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("c4")))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("quota of 3").contains("Clusters per account"));
        assertThat(ecs.createCluster(r -> r.clusterName("c1")).cluster().status())
                .as("creating an existing cluster again is no new cluster").isEqualTo("ACTIVE");
        ecs.deleteCluster(r -> r.cluster("c2"));
        assertThat(ecs.createCluster(r -> r.clusterName("c4")).cluster().clusterName()).isEqualTo("c4");
        assertThat(ecs.listClusters().clusterArns()).hasSize(3);
    }

    @Test
    void aThirdServiceInAClusterIsRefusedButAnotherClusterHasItsOwn() {
        ecs.createCluster(r -> r.clusterName("one"));
        ecs.createCluster(r -> r.clusterName("two"));
        String definition = registerFargate(ecs, "web", "example/web:1");
        ecs.createService(fargateService("one", "a", definition, 1).build());
        ecs.createService(fargateService("one", "b", definition, 1).build());

        assertThatThrownBy(() -> ecs.createService(fargateService("one", "c", definition, 1).build()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("quota of 2 services"));
        assertThat(ecs.createService(fargateService("two", "c", definition, 1).build()).service().serviceName())
                .isEqualTo("c");
        assertThat(ecs.listServices(r -> r.cluster("one")).serviceArns()).hasSize(2);
    }

    @Test
    void aDesiredCountAboveTasksPerServiceIsEcsInvalidParameterAndNothingIsCreated() {
        ecs.createCluster(r -> r.clusterName("big"));
        String definition = registerFargate(ecs, "web", "example/web:1");

        for (int desired : new int[] {Integer.MAX_VALUE, 100_000, 6}) {
            assertThatThrownBy(() -> ecs.createService(fargateService("big", "web", definition, desired).build()))
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                            .errorMessage()).isEqualTo("Desired count exceeds limit."));
        }
        assertThat(ecs.listServices(r -> r.cluster("big")).serviceArns()).isEmpty();

        ecs.createService(fargateService("big", "web", definition, 5).build());
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("big").service("web").desiredCount(6)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Desired count exceeds limit.");
        assertThat(ServiceRequests.describe(ecs, "big", "web").desiredCount()).isEqualTo(5);
    }

    @Test
    void autoScalingBeyondTasksPerServiceFailsItsActivityAndLeavesTheService() {
        ecs.createCluster(r -> r.clusterName("scaled"));
        String definition = registerFargate(ecs, "web", "example/web:1");
        ecs.createService(fargateService("scaled", "web", definition, 2).build());
        try (ApplicationAutoScalingClient aas = TestServer.client(ApplicationAutoScalingClient.builder(),
                server.endpoint())) {
            // A minimum of 8 moves the desired count up to 8, as AWS does; ECS refuses 8 on this server.
            aas.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/scaled/web")
                    .scalableDimension("ecs:service:DesiredCount").minCapacity(8).maxCapacity(10));

            List<ScalingActivity> activities = aas.describeScalingActivities(r -> r.serviceNamespace("ecs")
                    .resourceId("service/scaled/web")).scalingActivities();
            assertThat(activities).singleElement().satisfies(activity -> {
                assertThat(activity.statusCodeAsString()).isEqualTo("Failed");
                assertThat(activity.statusMessage()).isEqualTo("Failed to set desired count to 8. Reason: "
                        + "InvalidParameterException: Desired count exceeds limit.");
                assertThat(activity.cause()).isEqualTo("minimum capacity was set to 8");
            });
        }
        assertThat(ServiceRequests.describe(ecs, "scaled", "web").desiredCount()).isEqualTo(2);
    }

    @Test
    void runTaskTakesAtMostTenAndAClusterAtMostItsStandaloneTasks() {
        ecs.createCluster(r -> r.clusterName("batch"));
        String definition = registerFargate(ecs, "job", "example/job:1");

        assertThatThrownBy(() -> ecs.runTask(TaskFixtures.fargate("batch", definition).count(11).build()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("count must be between 1 and 10");
        assertThat(ecs.runTask(TaskFixtures.fargate("batch", definition).count(3).build()).tasks()).hasSize(3);
        assertThatThrownBy(() -> ecs.runTask(TaskFixtures.fargate("batch", definition).count(2).build()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("has 3 unstopped tasks").contains("quota of 4"));
        assertThat(ecs.runTask(TaskFixtures.fargate("batch", definition).count(1).build()).tasks()).hasSize(1);
        assertThat(ecs.listTasks(r -> r.cluster("batch")).taskArns()).hasSize(4);
    }

    @Test
    void aFourthRevisionOfAFamilyIsRefused() {
        for (int i = 0; i < 3; i++) {
            registerFargate(ecs, "rev", "example/rev:" + i);
        }

        assertThatThrownBy(() -> registerFargate(ecs, "rev", "example/rev:4"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("'rev'").contains("quota of 3 revisions"));
        assertThat(registerFargate(ecs, "other", "example/other:1")).endsWith("task-definition/other:1");
    }

    @Test
    void tagsAndContainersHaveEcsFixedLimits() {
        List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
                .toList();
        assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("tagged").tags(fiftyOne)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 50 tags");
        String arn = ecs.createCluster(r -> r.clusterName("tagged").tags(fiftyOne.subList(0, 50))).cluster()
                .clusterArn();
        assertThatThrownBy(() -> ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("one-more")
                .value("v").build()))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("at most 50 tags");

        ContainerDefinition[] eleven = IntStream.range(0, 11).mapToObj(i -> TaskFixtures.container("c" + i))
                .toArray(ContainerDefinition[]::new);
        assertThatThrownBy(() -> TaskFixtures.registerFargate(ecs, "crowded", eleven))
                .isInstanceOf(EcsException.class).hasMessageContaining("Too many containers.");
    }
}

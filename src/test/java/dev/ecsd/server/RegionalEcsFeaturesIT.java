package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.model.EcsQuotas;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.LimitExceededException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Issue 11's ECS features in two regions at once against one server: account settings, task protection, deployment
 * history, task sets and quotas are each region's own, as on AWS.
 */
class RegionalEcsFeaturesIT {
    private static final String WEST = "eu-west-1";
    private static final String OREGON = "us-west-2";
    private static TestServer server;
    private static Map<String, EcsClient> ecs;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.configFor(Files.createTempDirectory("ecsd-regional-"))
                .withQuotas(EcsQuotas.ECS.with(List.of("clusters=2"))));
        ecs = Map.of(WEST, server.ecs(WEST), OREGON, server.ecs(OREGON));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            ecs.values().forEach(EcsClient::close);
            server.close();
        }
    }

    @Test
    void accountSettingsAreARegionsOwn() {
        ecs.get(WEST).putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));

        assertThat(effectiveInsights(WEST)).isEqualTo("enhanced");
        assertThat(effectiveInsights(OREGON)).isEqualTo("disabled");
        assertThat(ecs.get(OREGON).createCluster(r -> r.clusterName("insights")).cluster().settings())
                .noneMatch(s -> "enhanced".equals(s.value()));
        ecs.get(OREGON).deleteCluster(r -> r.cluster("insights"));
    }

    @Test
    void protectionAndDeploymentHistoryAreSeenOnlyInTheirRegion() {
        for (String region : List.of(WEST, OREGON)) {
            EcsClient client = ecs.get(region);
            client.createCluster(r -> r.clusterName("web"));
            String definition = client.registerTaskDefinition(r -> r.family("web")
                    .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256")
                    .memory("512").containerDefinitions(c -> c.name("web").image("busybox").essential(true)))
                    .taskDefinition().taskDefinitionArn();
            client.createService(r -> r.cluster("web").serviceName("web").taskDefinition(definition)
                    .desiredCount(1).launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                            .subnets("subnet-1"))));
        }
        String westTask = runningTask(WEST);
        String oregonTask = runningTask(OREGON);

        ecs.get(WEST).updateTaskProtection(r -> r.cluster("web").tasks(westTask).protectionEnabled(true));

        assertThat(westTask).contains(":" + WEST + ":");
        assertThat(ecs.get(WEST).getTaskProtection(r -> r.cluster("web")).protectedTasks())
                .extracting(t -> t.taskArn()).containsExactly(westTask);
        assertThat(ecs.get(OREGON).getTaskProtection(r -> r.cluster("web")).protectedTasks()).isEmpty();
        assertThat(ecs.get(OREGON).getTaskProtection(r -> r.cluster("web").tasks(westTask)).failures())
                .extracting(f -> f.reason()).containsExactly("MISSING");
        for (String region : List.of(WEST, OREGON)) {
            assertThat(ecs.get(region).listServiceDeployments(r -> r.cluster("web").service("web"))
                    .serviceDeployments()).singleElement()
                    .satisfies(d -> assertThat(d.serviceDeploymentArn()).contains(":" + region + ":"));
        }
        assertThat(oregonTask).contains(":" + OREGON + ":");
    }

    @Test
    void taskSetsOfAnExternalServiceAreARegionsOwn() {
        for (String region : List.of(WEST, OREGON)) {
            EcsClient client = ecs.get(region);
            client.createCluster(r -> r.clusterName("sets"));
            String definition = client.registerTaskDefinition(r -> r.family("sets")
                    .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256")
                    .memory("512").containerDefinitions(c -> c.name("web").image("busybox").essential(true)))
                    .taskDefinition().taskDefinitionArn();
            client.createService(r -> r.cluster("sets").serviceName("web").desiredCount(1)
                    .deploymentController(c -> c.type(DeploymentControllerType.EXTERNAL)));
            client.createTaskSet(r -> r.cluster("sets").service("web").taskDefinition(definition)
                    .launchType("FARGATE").networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                    .scale(c -> c.value(100.0).unit(ScaleUnit.PERCENT)));
        }

        for (String region : List.of(WEST, OREGON)) {
            List<TaskSet> sets = ecs.get(region).describeServices(r -> r.cluster("sets").services("web")).services()
                    .getFirst().taskSets();
            assertThat(sets).singleElement().satisfies(set -> {
                assertThat(set.taskSetArn()).startsWith("arn:aws:ecs:" + region + ":000000000000:task-set/sets/web/");
                assertThat(set.taskDefinition()).contains(":" + region + ":");
            });
            String other = region.equals(WEST) ? OREGON : WEST;
            String foreign = ecs.get(other).describeServices(r -> r.cluster("sets").services("web")).services()
                    .getFirst().taskSets().getFirst().taskSetArn();
            assertThat(ecs.get(region).describeTaskSets(r -> r.cluster("sets").service("web").taskSets(foreign))
                    .taskSets()).isEmpty();
        }
    }

    @Test
    void theClusterQuotaCountsEachRegionApart() {
        List<String> made = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "fill-" + i;
            try {
                ecs.get(WEST).createCluster(r -> r.clusterName(name));
                made.add(name);
            } catch (LimitExceededException e) {
                break;
            }
        }
        try {
            assertThat(ecs.get(WEST).listClusters().clusterArns()).as("eu-west-1 is full").hasSize(2);
            assertThatThrownBy(() -> ecs.get(WEST).createCluster(r -> r.clusterName("one-more")))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(ecs.get(OREGON).createCluster(r -> r.clusterName("fill-1")).cluster().clusterArn())
                    .as("us-west-2 counts its own").contains(":" + OREGON + ":");
        } finally {
            made.forEach(name -> ecs.get(WEST).deleteCluster(r -> r.cluster(name)));
            ecs.get(OREGON).deleteCluster(r -> r.cluster("fill-1"));
        }
    }

    private static String effectiveInsights(String region) {
        return ecs.get(region).listAccountSettings(r -> r.name(SettingName.CONTAINER_INSIGHTS).effectiveSettings(true))
                .settings().getFirst().value();
    }

    private static String runningTask(String region) {
        EcsTasks tasks = new EcsTasks(ecs.get(region), "web");
        return await("a running task of the service in " + region).atMost(EcsTasks.PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ecs.get(region).listTasks(r -> r.cluster("web").serviceName("web")).taskArns(),
                        arns -> !arns.isEmpty() && "RUNNING".equals(tasks.describe(arns.getFirst()).lastStatus()))
                .getFirst();
    }
}

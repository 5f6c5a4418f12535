package dev.ecsd.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionFamilyStatus;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * An acknowledged write survives {@code kill -9}: a server in its own JVM is killed right after its last
 * answer and started again on the same data directory.
 */
class DurabilityIT {
    private static final String TASK_DEFINITION_ARN = "arn:aws:ecs:us-east-1:000000000000:task-definition/";

    @Test
    void clustersAndTaskDefinitionsSurviveKill9() {
        try (ServerProcess server = ServerProcess.start()) {
            EcsClient ecs = server.ecs();
            ecs.createCluster(r -> r.clusterName("alpha").tags(tag("team", "web")));
            ecs.createCluster(r -> r.clusterName("beta").capacityProviders("FARGATE", "FARGATE_SPOT")
                    .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1).base(1),
                            s -> s.capacityProvider("FARGATE_SPOT").weight(3))
                    .settings(s -> s.name("containerInsights").value("enabled")));
            ecs.createCluster(r -> r.clusterName("gone"));
            ecs.deleteCluster(r -> r.cluster("gone"));
            for (int i = 1; i <= 3; i++) {
                String image = "nginx:1." + i;
                ecs.registerTaskDefinition(r -> r.family("web")
                        .containerDefinitions(c -> c.name("app").image(image).memory(128)));
            }
            ecs.registerTaskDefinition(r -> r.family("api").networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE")
                    .cpu("1 vCPU").memory("2 GB")
                    .containerDefinitions(c -> c.name("api").image("httpd").portMappings(p -> p.containerPort(80))
                            .healthCheck(h -> h.command("CMD-SHELL", "true"))));
            ecs.registerTaskDefinition(r -> r.family("old").containerDefinitions(c -> c.name("app").image("x").memory(64)));
            ecs.deregisterTaskDefinition(r -> r.taskDefinition("web:2"));
            ecs.deregisterTaskDefinition(r -> r.taskDefinition("old:1"));
            ecs.deleteTaskDefinitions(r -> r.taskDefinitions("old:1"));
            ecs.tagResource(r -> r.resourceArn(TASK_DEFINITION_ARN + "web:3").tags(tag("release", "2024-05")));
            ecs.tagResource(r -> r.resourceArn(ecs.describeClusters(d -> d.clusters("beta")).clusters().getFirst()
                    .clusterArn()).tags(tag("cost-center", "42")));
            State before = State.of(ecs);

            server.kill9();
            assertThat(server.exitValue()).as("SIGKILL, not a clean exit").isEqualTo(137);
            server.restart();

            State after = State.of(server.ecs());
            assertThat(after.clusters()).isEqualTo(before.clusters());
            assertThat(after.taskDefinitions()).isEqualTo(before.taskDefinitions());
            assertThat(after.lists()).isEqualTo(before.lists());
            // Spot checks that the comparison above compared something worth having.
            assertThat(after.taskDefinitions().get("web:2").taskDefinition().status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
            assertThat(after.taskDefinitions().get("old:1").taskDefinition().status())
                    .isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
            assertThat(after.taskDefinitions().get("web:3").tags()).containsExactly(tag("release", "2024-05"));
            assertThat(after.taskDefinitions().get("api:1").taskDefinition().memory()).isEqualTo("2048");
            assertThat(after.clusters()).extracting(Cluster::clusterName).containsExactly("alpha", "beta", "gone");
            assertThat(after.clusters().get(2).status()).isEqualTo("INACTIVE");
            assertThat(after.clusters().get(1).tags()).containsExactly(tag("cost-center", "42"));

            assertThat(server.ecs().registerTaskDefinition(r -> r.family("web")
                    .containerDefinitions(c -> c.name("app").image("nginx:2").memory(128))).taskDefinition().revision())
                    .as("numbering goes on where it stopped").isEqualTo(4);
            assertThat(server.ecs().registerTaskDefinition(r -> r.family("old")
                    .containerDefinitions(c -> c.name("app").image("x").memory(64))).taskDefinition().revision())
                    .as("a deleted revision's number is not reused").isEqualTo(2);
        }
    }

    @Test
    void everyAcknowledgedRegistrationSurvivesKill9() {
        try (ServerProcess server = ServerProcess.start()) {
            int registrations = 40;
            for (int i = 1; i <= registrations; i++) {
                String image = "app:" + i;
                int revision = server.ecs().registerTaskDefinition(r -> r.family("burst")
                        .containerDefinitions(c -> c.name("app").image(image).memory(64))).taskDefinition().revision();
                assertThat(revision).isEqualTo(i);
            }

            server.kill9();
            server.restart();

            List<String> arns = new ArrayList<>();
            server.ecs().listTaskDefinitionsPaginator(r -> r.familyPrefix("burst")).taskDefinitionArns().forEach(arns::add);
            assertThat(arns).hasSize(registrations).last().isEqualTo(TASK_DEFINITION_ARN + "burst:" + registrations);
            assertThat(server.ecs().describeTaskDefinition(r -> r.taskDefinition("burst")).taskDefinition()
                    .containerDefinitions().getFirst().image()).isEqualTo("app:" + registrations);
        }
    }

    @Test
    void aStoppedServerKeepsItsStateAndStopsCleanly() {
        try (ServerProcess server = ServerProcess.start()) {
            server.ecs().createCluster(r -> r.clusterName("kept"));

            server.stop();
            assertThat(server.isAlive()).isFalse();
            server.restart();

            assertThat(server.ecs().listClusters().clusterArns())
                    .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/kept");
            assertThat(server.log()).contains("API on http://127.0.0.1:" + server.endpoint().getPort());
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** What a client can see of the state, read through the API. */
    private record State(List<Cluster> clusters, Map<String, DescribeTaskDefinitionResponse> taskDefinitions,
            Map<String, List<String>> lists) {

        static State of(EcsClient ecs) {
            List<Cluster> clusters = ecs.describeClusters(r -> r.clusters("alpha", "beta", "gone")
                    .include(ClusterField.TAGS, ClusterField.SETTINGS, ClusterField.CONFIGURATIONS)).clusters();
            Map<String, List<String>> lists = new TreeMap<>();
            lists.put("clusters", ecs.listClusters().clusterArns());
            for (TaskDefinitionStatus status : List.of(TaskDefinitionStatus.ACTIVE, TaskDefinitionStatus.INACTIVE,
                    TaskDefinitionStatus.DELETE_IN_PROGRESS)) {
                lists.put("taskDefinitions " + status, ecs.listTaskDefinitions(r -> r.status(status)).taskDefinitionArns());
            }
            for (TaskDefinitionFamilyStatus status : List.of(TaskDefinitionFamilyStatus.ACTIVE,
                    TaskDefinitionFamilyStatus.INACTIVE, TaskDefinitionFamilyStatus.ALL)) {
                lists.put("families " + status, ecs.listTaskDefinitionFamilies(r -> r.status(status)).families());
            }
            Map<String, DescribeTaskDefinitionResponse> taskDefinitions = new TreeMap<>();
            for (String name : List.of("web:1", "web:2", "web:3", "api:1", "old:1")) {
                DescribeTaskDefinitionResponse response = ecs.describeTaskDefinition(r -> r.taskDefinition(name)
                        .include(TaskDefinitionField.TAGS));
                // Compare the content, not the HTTP metadata (request ids) of the response.
                taskDefinitions.put(name, DescribeTaskDefinitionResponse.builder()
                        .taskDefinition(response.taskDefinition()).tags(response.tags()).build());
            }
            assertThat(lists.get("taskDefinitions ACTIVE")).isNotEmpty();
            return new State(clusters, taskDefinitions, lists);
        }
    }
}

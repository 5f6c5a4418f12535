package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.SignedRequests;
import dev.ecsd.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Every region on one endpoint, through the SDK: clients signed for us-east-1, eu-west-1 and us-west-2 at once against
 * one server see three namespaces, each with its region in its ARNs; an unknown region is refused as AWS refuses it;
 * a reset wipes one region only; and a server killed with SIGKILL brings every region back.
 */
class RegionsIT {
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "us-west-2");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final NetworkConfiguration AWSVPC = NetworkConfiguration.builder()
            .awsvpcConfiguration(c -> c.subnets("subnet-12345678").securityGroups("sg-12345678")
                    .assignPublicIp(AssignPublicIp.ENABLED))
            .build();

    private static TestServer server;
    private static final Map<String, EcsClient> ECS = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        REGIONS.forEach(region -> ECS.put(region, server.ecs(region)));
    }

    @AfterAll
    static void stop() {
        ECS.values().forEach(EcsClient::close);
        server.close();
    }

    @BeforeEach
    void reset() {
        REGIONS.forEach(server::reset);
    }

    @Test
    void clustersDefinitionsServicesAndTasksOfOneRegionAreInvisibleInTheOthers() {
        Map<String, String> taskArns = new LinkedHashMap<>();
        for (String region : REGIONS) {
            EcsClient ecs = ECS.get(region);
            // the same names in every region: each region is its own namespace
            String cluster = ecs.createCluster(r -> r.clusterName("shop")).cluster().clusterArn();
            assertThat(cluster).isEqualTo("arn:aws:ecs:" + region + ":000000000000:cluster/shop");
            String definition = register(ecs, "web", region);
            assertThat(definition).isEqualTo("arn:aws:ecs:" + region + ":000000000000:task-definition/web:1");
            assertThat(ecs.createService(r -> r.cluster("shop").serviceName("api").taskDefinition("web:1")
                            .desiredCount(1).launchType(LaunchType.FARGATE).networkConfiguration(AWSVPC))
                    .service().serviceArn()).isEqualTo("arn:aws:ecs:" + region + ":000000000000:service/shop/api");
            Task task = ecs.runTask(r -> r.cluster("shop").taskDefinition("web:1").launchType(LaunchType.FARGATE)
                    .networkConfiguration(AWSVPC)).tasks().getFirst();
            assertThat(task.taskArn()).startsWith("arn:aws:ecs:" + region + ":000000000000:task/shop/");
            assertThat(task.availabilityZone()).startsWith(region);
            taskArns.put(region, task.taskArn());
        }
        for (String region : REGIONS) {
            EcsClient ecs = ECS.get(region);
            assertThat(ecs.listClusters(r -> { }).clusterArns())
                    .containsExactly("arn:aws:ecs:" + region + ":000000000000:cluster/shop");
            assertThat(ecs.listTaskDefinitions(r -> { }).taskDefinitionArns())
                    .containsExactly("arn:aws:ecs:" + region + ":000000000000:task-definition/web:1");
            assertThat(ecs.listServices(r -> r.cluster("shop")).serviceArns())
                    .containsExactly("arn:aws:ecs:" + region + ":000000000000:service/shop/api");
            await(region + "'s RunTask task and service task running").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(ecs.listTasks(r -> r.cluster("shop").desiredStatus("RUNNING")).taskArns())
                            .hasSize(2).contains(taskArns.get(region))
                            .allSatisfy(arn -> assertThat(arn).contains(":" + region + ":")));
            await(region + "'s task to run").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(ecs.describeTasks(r -> r.cluster("shop").tasks(taskArns.get(region))).tasks())
                            .singleElement().satisfies(t -> assertThat(t.lastStatus()).isEqualTo("RUNNING")));
            for (String other : REGIONS) {
                if (!other.equals(region)) {
                    assertThat(ecs.describeTasks(r -> r.cluster("shop").tasks(taskArns.get(other))))
                            .satisfies(answer -> {
                                assertThat(answer.tasks()).isEmpty();
                                assertThat(answer.failures()).singleElement()
                                        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
                            });
                }
            }
        }
        try (ApplicationAutoScalingClient ireland = client(ApplicationAutoScalingClient.builder(), "eu-west-1");
                ApplicationAutoScalingClient oregon = client(ApplicationAutoScalingClient.builder(), "us-west-2")) {
            // eu-west-1's service/shop/api scales eu-west-1's service only: us-west-2's namesake is not a target
            ireland.registerScalableTarget(r -> r.serviceNamespace("ecs").resourceId("service/shop/api")
                    .scalableDimension("ecs:service:DesiredCount").minCapacity(2).maxCapacity(3));
            assertThat(ireland.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets())
                    .singleElement().satisfies(target -> assertThat(target.scalableTargetARN())
                            .startsWith("arn:aws:application-autoscaling:eu-west-1:000000000000:"));
            assertThat(oregon.describeScalableTargets(r -> r.serviceNamespace("ecs")).scalableTargets()).isEmpty();
            await("eu-west-1's service raised to the target's minimum").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(ECS.get("eu-west-1").describeServices(r -> r.cluster("shop").services("api"))
                            .services().getFirst().desiredCount()).isEqualTo(2));
            assertThat(ECS.get("us-west-2").describeServices(r -> r.cluster("shop").services("api"))
                    .services().getFirst().desiredCount()).isEqualTo(1);
        }
        assertThat(server.server().regions()).containsExactly("us-east-1", "eu-west-1", "us-west-2");
        assertThat(server.dataDirectory().resolve("regions/eu-west-1/state.db")).exists();
        assertThat(server.dataDirectory().resolve("regions/us-east-1")).doesNotExist();
    }

    @Test
    void logsParametersSecretsTargetGroupsAndAlarmsLiveSideBySideInTwoRegions() {
        for (String region : List.of("us-east-1", "eu-west-1")) {
            try (CloudWatchLogsClient logs = client(CloudWatchLogsClient.builder(), region);
                    SsmClient ssm = client(SsmClient.builder(), region);
                    SecretsManagerClient secrets = client(SecretsManagerClient.builder(), region);
                    ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), region);
                    CloudWatchClient cloudWatch = client(CloudWatchClient.builder(), region)) {
                logs.createLogGroup(r -> r.logGroupName("/ecs/web"));
                ssm.putParameter(r -> r.name("/app/region").value("value-of-" + region).type(ParameterType.STRING));
                String secret = secrets.createSecret(r -> r.name("db").secretString("secret-of-" + region)).arn();
                assertThat(secret).startsWith("arn:aws:secretsmanager:" + region + ":000000000000:secret:db-");
                String group = elb.createTargetGroup(r -> r.name("web-tg").protocol("HTTP").port(8080)
                        .targetType("ip").vpcId("vpc-12345678")).targetGroups().getFirst().targetGroupArn();
                assertThat(group)
                        .startsWith("arn:aws:elasticloadbalancing:" + region + ":000000000000:targetgroup/web-tg/");
                cloudWatch.putMetricAlarm(r -> r.alarmName("high-cpu").namespace("AWS/ECS")
                        .metricName("CPUUtilization").statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
                        .threshold(70.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            }
        }
        for (String region : List.of("us-east-1", "eu-west-1")) {
            try (CloudWatchLogsClient logs = client(CloudWatchLogsClient.builder(), region);
                    SsmClient ssm = client(SsmClient.builder(), region);
                    SecretsManagerClient secrets = client(SecretsManagerClient.builder(), region);
                    ElasticLoadBalancingV2Client elb = client(ElasticLoadBalancingV2Client.builder(), region);
                    CloudWatchClient cloudWatch = client(CloudWatchClient.builder(), region)) {
                assertThat(logs.describeLogGroups(r -> { }).logGroups()).extracting(LogGroup::arn)
                        .containsExactly("arn:aws:logs:" + region + ":000000000000:log-group:/ecs/web:*");
                assertThat(ssm.getParameter(r -> r.name("/app/region")).parameter())
                        .satisfies(p -> {
                            assertThat(p.value()).isEqualTo("value-of-" + region);
                            assertThat(p.arn())
                                    .isEqualTo("arn:aws:ssm:" + region + ":000000000000:parameter/app/region");
                        });
                assertThat(secrets.getSecretValue(r -> r.secretId("db")).secretString())
                        .isEqualTo("secret-of-" + region);
                assertThat(elb.describeTargetGroups(r -> { }).targetGroups()).singleElement()
                        .satisfies(g -> assertThat(g.targetGroupArn()).contains(":" + region + ":"));
                assertThat(cloudWatch.describeAlarms(r -> { }).metricAlarms()).extracting(MetricAlarm::alarmArn)
                        .containsExactly("arn:aws:cloudwatch:" + region + ":000000000000:alarm:high-cpu");
            }
        }
        try (CloudWatchLogsClient logs = client(CloudWatchLogsClient.builder(), "us-west-2")) {
            assertThat(logs.describeLogGroups(r -> { }).logGroups()).as("a third region has none of them").isEmpty();
        }
    }

    @Test
    void aRegionOutsideTheAwsPartitionIsRefusedAsAwsRefusesIt() {
        try (EcsClient fake = server.ecs("xx-fake-1")) {
            assertThatThrownBy(() -> fake.listClusters(r -> { }))
                    .isInstanceOfSatisfying(EcsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Credential should be scoped to a valid region, not 'xx-fake-1'. ");
                    });
        }
        assertThat(server.server().regions()).doesNotContain("xx-fake-1");
        assertThat(Files.exists(server.dataDirectory().resolve("regions/xx-fake-1"))).isFalse();
    }

    @Test
    void aRequestWithABadSignatureStartsNoRegionAndIsToldWhatIsWrong() {
        try (EcsClient forged = TestServer.client(EcsClient.builder(), server.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(TestServer.ACCESS_KEY_ID, "not-the-secret")),
                "ap-south-2")) {
            assertThatThrownBy(() -> forged.listClusters(r -> { }))
                    .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("The request signature we calculated does not match"));
        }
        assertThat(server.server().regions()).doesNotContain("ap-south-2");
        assertThat(Files.exists(server.dataDirectory().resolve("regions/ap-south-2"))).isFalse();
    }

    @Test
    void aResetWipesTheRegionItIsSignedForAndLeavesTheOthers() {
        ECS.get("us-east-1").createCluster(r -> r.clusterName("kept"));
        ECS.get("eu-west-1").createCluster(r -> r.clusterName("wiped"));

        server.reset("eu-west-1");

        assertThat(ECS.get("eu-west-1").listClusters(r -> { }).clusterArns()).isEmpty();
        assertThat(ECS.get("us-east-1").listClusters(r -> { }).clusterArns())
                .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/kept");
    }

    @Test
    void aSpotInterruptionActsInTheRegionItIsSignedFor() {
        Map<String, String> spotTasks = new LinkedHashMap<>();
        for (String region : List.of("us-east-1", "eu-west-1")) {
            EcsClient ecs = ECS.get(region);
            ecs.createCluster(r -> r.clusterName("spot").capacityProviders("FARGATE", "FARGATE_SPOT"));
            register(ecs, "worker", region);
            spotTasks.put(region, ecs.runTask(r -> r.cluster("spot").taskDefinition("worker:1")
                    .capacityProviderStrategy(c -> c.capacityProvider("FARGATE_SPOT").weight(1))
                    .networkConfiguration(AWSVPC)).tasks().getFirst().taskArn());
        }

        spotTasks.forEach((region, arn) -> await(region + "'s Spot task running").atMost(PATIENCE).untilAsserted(() ->
                assertThat(ECS.get(region).describeTasks(r -> r.cluster("spot").tasks(arn)).tasks().getFirst()
                        .lastStatus()).isEqualTo("RUNNING")));

        assertThat(interrupt("us-east-1", Map.of("task", spotTasks.get("eu-west-1"))).statusCode())
                .as("us-east-1 has no such task").isEqualTo(404);
        HttpResponse<String> answer = interrupt("eu-west-1", Map.of("cluster", "spot", "count", "5"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains(spotTasks.get("eu-west-1")).doesNotContain(spotTasks.get("us-east-1"));
        assertThat(ECS.get("eu-west-1").describeTasks(r -> r.cluster("spot").tasks(spotTasks.get("eu-west-1")))
                .tasks().getFirst().stopCodeAsString()).isEqualTo("SpotInterruption");
        assertThat(ECS.get("us-east-1").describeTasks(r -> r.cluster("spot").tasks(spotTasks.get("us-east-1")))
                .tasks().getFirst().desiredStatus()).isEqualTo("RUNNING");
    }

    @Test
    void afterKill9EveryRegionComesBackWithItsState() {
        try (ServerProcess process = ServerProcess.start("--runtime", "simulated", "--region", "eu-west-1");
                EcsClient ireland = process.ecs("eu-west-1");
                EcsClient oregon = process.ecs("us-west-2")) {
            ireland.createCluster(r -> r.clusterName("ireland"));
            oregon.createCluster(r -> r.clusterName("oregon"));
            register(oregon, "web", "us-west-2");

            process.kill9();
            process.restart();

            try (EcsClient irelandAgain = process.ecs("eu-west-1"); EcsClient oregonAgain = process.ecs("us-west-2")) {
                assertThat(irelandAgain.listClusters(r -> { }).clusterArns())
                        .containsExactly("arn:aws:ecs:eu-west-1:000000000000:cluster/ireland");
                assertThat(oregonAgain.listClusters(r -> { }).clusterArns())
                        .containsExactly("arn:aws:ecs:us-west-2:000000000000:cluster/oregon");
                assertThat(oregonAgain.listTaskDefinitions(r -> { }).taskDefinitionArns())
                        .containsExactly("arn:aws:ecs:us-west-2:000000000000:task-definition/web:1");
            }
            assertThat(process.dataDirectory().resolve("state.db")).as("--region's files stay where they were")
                    .exists();
            assertThat(process.dataDirectory().resolve("regions/us-west-2/state.db")).exists();
            assertThat(process.log()).contains("region us-west-2 started");
        }
    }

    private static HttpResponse<String> interrupt(String region, Map<String, String> query) {
        return new SignedRequests(server.endpoint()).scope(region, "ecsd")
                .sendSigned("POST", "/_ecsd/spot-interruption", query, Map.of(), new byte[0], Instant.now());
    }

    private static String register(EcsClient ecs, String family, String region) {
        return ecs.registerTaskDefinition(r -> r.family(family).networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE).cpu("256").memory("512")
                        .containerDefinitions(c -> c.name("app").image("example/app:" + region)))
                .taskDefinition().taskDefinitionArn();
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder,
            String region) {
        return TestServer.client(builder, server.endpoint(), region);
    }
}

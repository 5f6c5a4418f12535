package dev.ecsd.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestImages;
import dev.ecsd.testing.TestServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Two regions' tasks on one Docker Engine at once, through one server: each region's agent labels its containers with
 * its own instance id, each region's DescribeTasks sees only its own task, a container of the non-default region reads
 * its task's metadata and role credentials through the one task endpoint (credentials that hold in every region while
 * the task runs, and no longer once it has stopped), and after kill -9 the non-default region's agent adopts its
 * running task instead of starting it again.
 */
@RequiresDocker
class RegionsDockerIT {
    private static final String CLUSTER = "regions";
    private static final String INSTANCE_LABEL = "dev.ecsd.instance";
    private static final String TASK_ARN_LABEL = "com.amazonaws.ecs.task-arn";
    private static final String ROLE = "arn:aws:iam::000000000000:role/app";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_METADATA_AND_WAIT = "echo CREDENTIALS=$(wget -q -O - "
            + "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI); "
            + "echo TASK=$(wget -q -O - $ECS_CONTAINER_METADATA_URI_V4/task); "
            + "echo DONE; trap 'exit 0' TERM; sleep 600 & wait";

    @Test
    void tasksOfTwoRegionsRunAtOnceEachSeenOnlyInItsRegionAndAdoptedAfterKill9() throws IOException {
        String instanceId = null;
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); ServerProcess server = ServerProcess.start()) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            String image = TestImages.busybox(docker);
            String virginiaTask;
            String irelandTask;
            List<String> irelandContainers;
            AwsSessionCredentials taskCredentials = null;
            try (EcsClient virginia = server.ecs("us-east-1"); EcsClient ireland = server.ecs("eu-west-1")) {
                virginiaTask = runOne(virginia, image);
                irelandTask = runOne(ireland, image);
                assertThat(virginiaTask).contains(":us-east-1:");
                assertThat(irelandTask).contains(":eu-west-1:");
                Task virginiaRunning = new EcsTasks(virginia, CLUSTER).awaitStatus(virginiaTask, "RUNNING");
                Task irelandRunning = new EcsTasks(ireland, CLUSTER).awaitStatus(irelandTask, "RUNNING");

                assertThat(virginia.describeTasks(r -> r.cluster(CLUSTER).tasks(virginiaTask, irelandTask)).tasks())
                        .extracting(Task::taskArn).containsExactly(virginiaTask);
                assertThat(ireland.describeTasks(r -> r.cluster(CLUSTER).tasks(virginiaTask, irelandTask)).tasks())
                        .extracting(Task::taskArn).containsExactly(irelandTask);
                assertThat(DockerCli.containerIds(INSTANCE_LABEL, instanceId))
                        .as("us-east-1's main (one container: no pause container)")
                        .containsExactlyInAnyOrderElementsOf(DockerCli.containerIds(TASK_ARN_LABEL, virginiaTask))
                        .hasSize(1);
                irelandContainers = DockerCli.containerIds(TASK_ARN_LABEL, irelandTask);
                assertThat(DockerCli.containerIds(INSTANCE_LABEL, instanceId + "-eu-west-1"))
                        .as("eu-west-1's agent labels its containers with its own instance id")
                        .containsExactlyInAnyOrderElementsOf(irelandContainers).hasSize(1);
                String irelandMain = irelandRunning.containers().getFirst().runtimeId();
                String output = await("the eu-west-1 task to read its metadata").atMost(EcsTasks.PATIENCE)
                        .until(() -> DockerCli.logs(irelandMain), logs -> logs.contains("DONE"));
                if (iptablesWorks()) {
                    assertThat(output).as("the one task endpoint answers a task of eu-west-1")
                            .contains("\"TaskARN\":\"" + irelandTask + "\"");
                    JsonNode credentials = JSON.readTree(line(output, "CREDENTIALS="));
                    taskCredentials = AwsSessionCredentials.create(credentials.path("AccessKeyId").asText(),
                            credentials.path("SecretAccessKey").asText(), credentials.path("Token").asText());
                    for (String region : List.of("eu-west-1", "us-east-1")) {
                        try (EcsClient asTask = client(server, region, taskCredentials)) {
                            assertThat(asTask.listClusters(r -> { }).clusterArns())
                                    .as("the eu-west-1 task's credentials hold in every region, as STS's do")
                                    .containsExactly("arn:aws:ecs:" + region + ":000000000000:cluster/" + CLUSTER);
                        }
                    }
                }
                assertThat(virginiaRunning.containers().getFirst().runtimeId()).isNotEqualTo(irelandMain);
            }

            server.kill9();
            server.restart();

            try (EcsClient ireland = server.ecs("eu-west-1"); EcsClient virginia = server.ecs("us-east-1")) {
                EcsTasks irelandTasks = new EcsTasks(ireland, CLUSTER);
                assertThat(irelandTasks.describe(irelandTask).lastStatus()).isEqualTo("RUNNING");
                assertThat(DockerCli.containerIds(TASK_ARN_LABEL, irelandTask)).as("adopted: nothing started twice")
                        .containsExactlyInAnyOrderElementsOf(irelandContainers);
                ireland.stopTask(r -> r.cluster(CLUSTER).task(irelandTask));
                assertThat(irelandTasks.awaitStatus(irelandTask, "STOPPED").stopCodeAsString())
                        .isEqualTo("UserInitiated");
                assertThat(DockerCli.containerIds(TASK_ARN_LABEL, irelandTask)).isEmpty();
                if (taskCredentials != null) {
                    try (EcsClient asTask = client(server, "us-east-1", taskCredentials)) {
                        assertThatThrownBy(() -> asTask.listClusters(r -> { }))
                                .as("refused in us-east-1 once the task has stopped in eu-west-1")
                                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(
                                        e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
                    }
                }
                assertThat(new EcsTasks(virginia, CLUSTER).describe(virginiaTask).lastStatus())
                        .as("us-east-1's task is not touched by eu-west-1's stop").isEqualTo("RUNNING");
                virginia.stopTask(r -> r.cluster(CLUSTER).task(virginiaTask));
                new EcsTasks(virginia, CLUSTER).awaitStatus(virginiaTask, "STOPPED");
            }
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
                DockerCli.removeEverythingOf(instanceId + "-eu-west-1");
            }
        }
    }

    /** Whether this host lets ecsd redirect containers to the task endpoint (root and iptables). */
    private static boolean iptablesWorks() {
        try {
            Process process = new ProcessBuilder("iptables", "-w", "5", "-t", "nat", "-S", "PREROUTING")
                    .redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static EcsClient client(ServerProcess server, String region, AwsSessionCredentials credentials) {
        return TestServer.client(EcsClient.builder(), server.endpoint(), StaticCredentialsProvider.create(credentials),
                region);
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + output));
    }

    private static String runOne(EcsClient ecs, String image) {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        EcsTasks tasks = new EcsTasks(ecs, CLUSTER);
        String definition = tasks.register("regional", b -> b.taskRoleArn(ROLE), ContainerDefinition.builder()
                .name("main").image(image)
                .essential(true).command("sh", "-c", READ_METADATA_AND_WAIT).build());
        return tasks.run(definition);
    }
}

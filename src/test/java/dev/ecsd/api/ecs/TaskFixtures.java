package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.Task;

/** Task definitions and tasks as the task tests need them, through the SDK. */
final class TaskFixtures {
    static final String SUBNET = "subnet-12345678";
    static final String SECURITY_GROUP = "sg-12345678";
    static final String IMAGE = "example/app:1";

    private TaskFixtures() {
    }

    static ContainerDefinition container(String name) {
        return ContainerDefinition.builder().name(name).image(IMAGE).build();
    }

    /** Registers a Fargate-compatible (awsvpc, 256 CPU, 512 MiB) revision of {@code family}; returns its ARN. */
    static String registerFargate(EcsClient ecs, String family, ContainerDefinition... containers) {
        return ecs.registerTaskDefinition(r -> r.family(family)
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(containers.length == 0 ? List.of(container("app")) : List.of(containers)))
                .taskDefinition().taskDefinitionArn();
    }

    static NetworkConfiguration awsvpc() {
        return NetworkConfiguration.builder()
                .awsvpcConfiguration(c -> c.subnets(SUBNET).securityGroups(SECURITY_GROUP)
                        .assignPublicIp(AssignPublicIp.ENABLED))
                .build();
    }

    /** RunTask on Fargate with the awsvpc configuration every Fargate task needs. */
    static RunTaskRequest.Builder fargate(String cluster, String taskDefinition) {
        return RunTaskRequest.builder().cluster(cluster).taskDefinition(taskDefinition)
                .launchType(LaunchType.FARGATE).networkConfiguration(awsvpc());
    }

    static Task runOne(EcsClient ecs, String cluster, String taskDefinition) {
        return ecs.runTask(fargate(cluster, taskDefinition).build()).tasks().getFirst();
    }

    static List<String> arns(Collection<Task> tasks) {
        return tasks.stream().map(Task::taskArn).toList();
    }

    static Task describe(EcsClient ecs, String cluster, String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().getFirst();
    }

    /** Describes any number of tasks, 100 at a time as DescribeTasks allows. */
    static List<Task> describeAll(EcsClient ecs, String cluster, List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < taskArns.size(); from += 100) {
            List<String> batch = taskArns.subList(from, Math.min(taskArns.size(), from + 100));
            tasks.addAll(ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks());
        }
        return tasks;
    }

    /** Waits until the task is as {@code expected} says, and returns it as described then. */
    static Task awaitTask(EcsClient ecs, String cluster, String taskArn, Predicate<Task> expected) {
        Task[] last = new Task[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            last[0] = describe(ecs, cluster, taskArn);
            assertThat(last[0]).matches(expected);
        });
        return last[0];
    }

    static Predicate<Task> lastStatus(String status) {
        return task -> status.equals(task.lastStatus());
    }
}

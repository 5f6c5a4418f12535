package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.agent.runtime.ContainerObservation;
import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A control plane killed with SIGKILL in the middle of a rolling update, in its own JVM with real containers:
 * after a restart the same deployment carries on from what was recorded, no task is lost or duplicated, and
 * the service converges.
 */
@RequiresDocker
class ServiceRestartIT {
    private static final String CLUSTER = "restart";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int DESIRED = 4;

    @Test
    void aDeploymentInterruptedByKill9CarriesOnAfterRestartWithoutLosingOrDuplicatingTasks() {
        try (DockerRuntime docker = DockerRuntime.fromEnvironment(); ServerProcess server = ServerProcess.start()) {
            String busybox = TestImages.busybox(docker);
            String instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            try {
                interruptAndResume(server, docker, busybox, instanceId);
            } finally {
                cleanUp(server, docker, instanceId);
            }
        }
    }

    private void interruptAndResume(ServerProcess server, DockerRuntime docker, String busybox, String instanceId) {
        EcsClient ecs = server.ecs();
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        String one = register(ecs, busybox, "one");
        String two = register(ecs, busybox, "two");
        // Two at a time, each new pair healthy only after a health check interval: a rollout of several seconds.
        ecs.createService(fargateService(CLUSTER, "web", one, DESIRED)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(100)).build());
        awaitService(ecs, "revision one completed", s -> completedOn(s, one, DESIRED));
        String deployment = ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(two)).service()
                .deployments().getFirst().id();
        Service midway = awaitService(ecs, "the rollout half way", s -> s.deployments().size() == 2
                && s.deployments().getFirst().runningCount() >= 1 && s.deployments().get(1).runningCount() >= 1);
        assertThat(midway.deployments().getFirst().id()).isEqualTo(deployment);

        server.kill9();
        List<Task> atKill = tasksFromContainers(docker, instanceId);
        server.restart();
        ecs = server.ecs();

        Service resumed = ServiceRequests.describe(ecs, CLUSTER, "web");
        assertThat(resumed.deployments()).as("the deployments as recorded")
                .extracting(Deployment::id).first().isEqualTo(deployment);
        EcsClient client = ecs;
        Service done = awaitService(ecs, "the rollout completed after the restart", s -> completedOn(s, two, DESIRED));
        assertThat(done.deployments()).extracting(Deployment::id).containsExactly(deployment);
        assertThat(messages(done).stream().filter(m -> m.equals("(service web) (deployment " + deployment
                + ") deployment completed."))).hasSize(1);

        List<Task> tasks = ServiceRequests.tasks(client, CLUSTER, "web");
        List<Task> running = tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
        assertThat(running).extracting(Task::taskDefinitionArn).containsOnly(two).hasSize(DESIRED);
        assertThat(running).extracting(Task::lastStatus).containsOnly("RUNNING");
        // Every task that had containers when the server died is known afterwards: still running, or stopped by the
        // rollout; none vanished and none failed because of the restart.
        Map<String, Task> byArn = tasks.stream().collect(Collectors.toMap(Task::taskArn, t -> t));
        for (Task before : atKill) {
            Task after = byArn.get(before.taskArn());
            assertThat(after).as("task %s, which had containers at the kill", before.taskArn()).isNotNull();
            if (!"RUNNING".equals(after.desiredStatus())) {
                assertThat(after.stopCodeAsString()).as("why %s stopped", after.taskArn())
                        .isEqualTo("ServiceSchedulerInitiated");
            }
        }
        await("the running tasks' containers: web alone in each, no pause").atMost(TIMEOUT).untilAsserted(() -> {
            Map<String, List<ContainerObservation>> containers = containersByTask(docker, instanceId);
            assertThat(containers.keySet()).containsExactlyInAnyOrderElementsOf(
                    running.stream().map(Task::taskArn).toList());
            containers.forEach((task, list) -> assertThat(list).extracting(c -> c.labels()
                            .get(ContainerSpecs.LABEL_CONTAINER_NAME)).as("containers of %s", task)
                    .containsExactly("web"));
        });
        // Tasks launched for the deployment: the ones running now plus any stopped by the rollout, never more than
        // a rollout of 4 tasks needs.
        assertThat(tasks.stream().filter(t -> deployment.equals(t.startedBy()))).hasSize(DESIRED);
    }

    private static String register(EcsClient ecs, String busybox, String content) {
        return ServiceRequests.registerFargate(ecs, "restart-web", ContainerDefinition.builder().name("web")
                .image(busybox).essential(true)
                .command("sh", "-c", "echo 'revision " + content + "' > /var/www/index.html; trap 'exit 0' TERM; "
                        + "httpd -f -p 8080 -h /var/www & wait")
                .portMappings(p -> p.containerPort(8080))
                .healthCheck(h -> h.command("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1")
                        .interval(5).timeout(2).retries(2))
                .build());
    }

    private static Service awaitService(EcsClient ecs, String what, Predicate<Service> condition) {
        return ServiceRequests.awaitService(ecs, CLUSTER, "web", TIMEOUT, what, condition);
    }

    /** The tasks that have containers on the engine, known only by their ARN label (the server is down). */
    private static List<Task> tasksFromContainers(DockerRuntime docker, String instanceId) {
        return containersByTask(docker, instanceId).keySet().stream().map(arn -> Task.builder().taskArn(arn).build())
                .toList();
    }

    private static Map<String, List<ContainerObservation>> containersByTask(DockerRuntime docker, String instanceId) {
        return docker.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)).stream()
                .collect(Collectors.groupingBy(c -> c.labels().get(ContainerSpecs.LABEL_TASK_ARN)));
    }

    /** Deletes the service as a user would, then removes whatever container of this server is left. */
    private static void cleanUp(ServerProcess server, DockerRuntime docker, String instanceId) {
        try {
            if (server.isAlive()) {
                server.ecs().deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
                await("the service INACTIVE").atMost(TIMEOUT).until(() -> "INACTIVE".equals(
                        ServiceRequests.describe(server.ecs(), CLUSTER, "web").status()));
                await("no container left").atMost(TIMEOUT).until(() ->
                        docker.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)).isEmpty());
            }
        } finally {
            Set.copyOf(docker.listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, instanceId)))
                    .forEach(c -> docker.removeContainer(c.id()));
        }
    }
}

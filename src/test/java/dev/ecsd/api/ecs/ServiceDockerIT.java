package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.messages;
import static dev.ecsd.api.ecs.ServiceRequests.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.ContainerSpecs;
import dev.ecsd.control.RollingMath;
import dev.ecsd.control.ServicePlanner;
import dev.ecsd.state.Kind;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services whose tasks are real containers: busybox httpd on the local Docker Engine, reached on their
 * 127.0.0.1 host ports. Each test ends by removing every container of its server.
 */
@RequiresDocker
class ServiceDockerIT {
    private static final String CLUSTER = "docker-services";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final String UNPULLABLE = "127.0.0.1:1/ecsd-test/missing:1";
    @RegisterExtension
    static final DockerServer server = new DockerServer();

    @BeforeEach
    void cluster() {
        server.ecs().createCluster(r -> r.clusterName(CLUSTER));
    }

    /**
     * Ends as a user would: every service deleted with force, its tasks stopped, and then no container of this
     * server may be left. Whatever is left anyway is removed, so that one failure does not spill into the next.
     */
    @AfterEach
    void deleteServices() {
        try {
            for (String arn : server.ecs().listServicesPaginator(r -> r.cluster(CLUSTER)).serviceArns()) {
                server.ecs().deleteService(r -> r.cluster(CLUSTER).service(arn).force(true));
            }
            await("every service INACTIVE").atMost(TIMEOUT).until(() -> server.ecs()
                    .describeServices(r -> r.cluster(CLUSTER).services("web")).services().stream().allMatch(s -> "INACTIVE".equals(s.status())));
            await("no container left").atMost(TIMEOUT).until(() -> containers().isEmpty());
        } finally {
            containers().forEach(c -> server.docker().removeContainer(c.id()));
            server.reset();
        }
    }

    @Test
    void threeHttpdTasksReachASteadyStateAndEachAnswersOnItsHostPort() {
        String revision = registerHttpd("one", false);
        server.ecs().createService(fargateService(CLUSTER, "web", revision, 3).build());

        Service steady = awaitService("3 RUNNING tasks and a steady state",
                s -> completedOn(s, revision, 3) && messages(s).contains("(service web) has reached a steady state."));
        assertThat(steady.deployments().getFirst().runningCount()).isEqualTo(3);
        List<Task> tasks = running();
        assertThat(tasks).extracting(Task::lastStatus).containsExactly("RUNNING", "RUNNING", "RUNNING");
        for (Task task : tasks) {
            assertThat(LocalHttp.awaitBody(ServiceRequests.hostPort(task), HTTP_TIMEOUT)).as("task %s", taskId(task.taskArn()))
                    .contains("revision one");
        }
        assertThat(containersByTask().keySet()).containsExactlyInAnyOrderElementsOf(
                tasks.stream().map(Task::taskArn).toList());
    }

    @Test
    void aTaskWhoseContainerIsKilledIsReplaced() throws Exception {
        String revision = registerHttpd("one", false);
        server.ecs().createService(fargateService(CLUSTER, "web", revision, 3).build());
        awaitService("3 RUNNING tasks", s -> completedOn(s, revision, 3));
        List<Task> before = running();
        Task victim = before.getFirst();
        String containerId = victim.containers().getFirst().runtimeId();

        Process kill = new ProcessBuilder("docker", "kill", containerId).redirectErrorStream(true).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as(new String(kill.getInputStream().readAllBytes())).isZero();

        // runningCount counts the victim until it leaves RUNNING, which may be after its replacement is launched:
        // the replacement itself must be RUNNING before its port is asked for
        Service recovered = awaitService("a replacement RUNNING", s -> s.runningCount() == 3
                && running().stream().noneMatch(t -> t.taskArn().equals(victim.taskArn()))
                && running().stream().allMatch(t -> "RUNNING".equals(t.lastStatus())));
        Task stopped = server.ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(victim.taskArn())).tasks().getFirst();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(137);
        Task replacement = running().stream().filter(t -> before.stream().noneMatch(b -> b.taskArn().equals(t.taskArn())))
                .findFirst().orElseThrow();
        assertThat(replacement.startedBy()).isEqualTo(victim.startedBy());
        assertThat(messages(recovered)).contains("(service web) has started 1 tasks: (task "
                + taskId(replacement.taskArn()) + ").");
        assertThat(LocalHttp.awaitBody(ServiceRequests.hostPort(replacement), HTTP_TIMEOUT)).contains("revision one");
    }

    @Test
    void aRollingUpdateKeepsTheMinimumHealthyAndEndsWithEveryTaskOnTheNewRevision() {
        String one = registerHttpd("one", true);
        String two = registerHttpd("two", true);
        // Stop-before-start limits: at most 3 tasks, at least ceil(3 x 50%) = 2 of them healthy.
        server.ecs().createService(fargateService(CLUSTER, "web", one, 3)
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50).maximumPercent(100)).build());
        awaitService("revision one healthy", s -> completedOn(s, one, 3) && running().stream()
                .allMatch(t -> "HEALTHY".equals(t.healthStatusAsString())));
        int minimum = RollingMath.minimumHealthy(3, 50);

        server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(two));

        // Sample the healthy count on every poll until the rollout completes.
        int[] lowest = {Integer.MAX_VALUE};
        int[] samples = {0};
        await("the rollout to revision two").atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            int healthy = (int) running().stream().filter(t -> "RUNNING".equals(t.lastStatus())
                    && "HEALTHY".equals(t.healthStatusAsString())).count();
            lowest[0] = Math.min(lowest[0], healthy);
            samples[0]++;
            return completedOn(describe(), two, 3);
        });

        assertThat(samples[0]).as("the rollout was sampled more than a few times").isGreaterThan(5);
        assertThat(lowest[0]).as("the fewest healthy tasks seen during the rollout").isGreaterThanOrEqualTo(minimum);
        List<Task> tasks = running();
        assertThat(tasks).extracting(Task::taskDefinitionArn).containsExactly(two, two, two);
        for (Task task : tasks) {
            assertThat(LocalHttp.awaitBody(ServiceRequests.hostPort(task), HTTP_TIMEOUT)).as("task %s", taskId(task.taskArn()))
                    .contains("revision two");
        }
        assertThat(messages(describe())).contains("(service web) (deployment "
                + describe().deployments().getFirst().id() + ") deployment completed.");
        await("only the new tasks' containers").atMost(TIMEOUT).until(() -> containersByTask().keySet()
                .equals(new HashSet<>(tasks.stream().map(Task::taskArn).toList())));
    }

    @Test
    void anImageThatCannotStartTripsTheBreakerAndTheServiceRollsBack() {
        String good = registerHttpd("one", false);
        String bad = ServiceRequests.registerFargate(server.ecs(), "httpd", ContainerDefinition.builder().name("web")
                .image(UNPULLABLE).essential(true).portMappings(p -> p.containerPort(8080)).build());
        server.ecs().createService(fargateService(CLUSTER, "web", good, 3)
                .deploymentConfiguration(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true))).build());
        Service first = awaitService("revision one completed", s -> completedOn(s, good, 3));
        String completed = first.deployments().getFirst().id();
        Set<String> original = new HashSet<>(running().stream().map(Task::taskArn).toList());

        String failing = server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(bad))
                .service()
                .deployments().getFirst().id();

        Service rolledBack = awaitService("the rollback completed", s -> messages(s).contains(
                "(service web) rolling back to deployment " + completed + ".") && completedOn(s, good, 3));
        assertThat(messages(rolledBack)).containsSubsequence(
                "(service web) (deployment " + completed + ") deployment completed.",
                "(service web) rolling back to deployment " + completed + ".",
                "(service web) (deployment " + failing + ") deployment failed: tasks failed to start.");
        assertThat(rolledBack.deployments().getFirst().id()).isEqualTo(completed);
        assertThat(rolledBack.taskDefinition()).isEqualTo(good);
        assertThat(running()).extracting(Task::taskArn).as("the old tasks kept running throughout")
                .containsExactlyInAnyOrderElementsOf(original);
        // Tasks that failed until the breaker tripped; replacements launched meanwhile (if the breaker did not trip
        // first: their failures come fast) were stopped by the rollback.
        List<Task> failed = ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                .filter(t -> failing.equals(t.startedBy())).toList();
        assertThat(failed).extracting(Task::desiredStatus).containsOnly("STOPPED");
        assertThat(failed.stream().filter(t -> "TaskFailedToStart".equals(t.stopCodeAsString())).map(Task::stoppedReason))
                .hasSizeGreaterThanOrEqualTo(3).allMatch(reason -> reason.startsWith("CannotPullContainerError"));
        assertThat(failed.stream().filter(t -> !"TaskFailedToStart".equals(t.stopCodeAsString())).map(Task::stoppedReason))
                .allMatch(reason -> reason.equals("Scaling activity initiated by (deployment " + completed + ")"));
    }

    @Test
    void aTaskFailingItsContainerHealthChecksIsStoppedAndReplaced() {
        // The health check looks for a file that is not there: every task turns UNHEALTHY.
        String sick = ServiceRequests.registerFargate(server.ecs(), "sick", ContainerDefinition.builder().name("web")
                .image(server.busybox()).essential(true)
                .command("sh", "-c", "trap 'exit 0' TERM; sleep 1000 & wait")
                .healthCheck(h -> h.command("CMD-SHELL", "test -f /no-such-file").interval(5).timeout(2).retries(1))
                .build());
        server.ecs().createService(fargateService(CLUSTER, "web", sick, 1).build());

        Service replaced = awaitService("an unhealthy task replaced", s -> messages(s).stream()
                .anyMatch(m -> m.endsWith("Amazon ECS replaced 1 tasks due to an unhealthy status.")));
        String failed = messages(replaced).stream().filter(m -> m.endsWith(") failed container health checks."))
                .findFirst().orElseThrow();
        String failedId = failed.substring(failed.indexOf("(task ") + 6, failed.indexOf(") failed"));
        Task stopped = ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                .filter(t -> taskId(t.taskArn()).equals(failedId)).findFirst().orElseThrow();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed container health checks");
        assertThat(stopped.healthStatusAsString()).isEqualTo("UNHEALTHY");
    }

    @Test
    void tasksThatKeepFailingToStartAreThrottled() {
        String unpullable = ServiceRequests.registerFargate(server.ecs(), "missing", ContainerDefinition.builder()
                .name("web").image(UNPULLABLE).essential(true).build());
        server.ecs().createService(fargateService(CLUSTER, "web", unpullable, 1).build());

        Service throttled = awaitService("the throttle event", s -> messages(s)
                .contains("(service web) is unable to consistently start tasks successfully."));
        int failedSoFar = ServiceRequests.tasks(server.ecs(), CLUSTER, "web").size();
        assertThat(failedSoFar).isGreaterThanOrEqualTo(ServicePlanner.THROTTLE_AFTER);
        assertThat(messages(throttled)).containsOnlyOnce("(service web) is unable to consistently start tasks successfully.");
        // Launches pause for the throttle's delay (15 s, doubling): the scheduler holds them until an instant it
        // recorded, and has launched nothing since the last failure. (The exact instants are asserted on virtual
        // time in ServiceSchedulerIT.)
        dev.ecsd.model.Service record = server.server().store().snapshot()
                .find(Kind.SERVICE, throttled.serviceArn()).orElseThrow();
        Instant lastFailure = ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                .map(Task::stoppingAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(record.throttledUntil()).isAfterOrEqualTo(lastFailure.plus(ServicePlanner.THROTTLE_BASE));
        assertThat(ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                .filter(t -> t.createdAt().isAfter(lastFailure)))
                .as("nothing launched after the last failure").isEmpty();
    }

    @Test
    void scaledToZeroAndDeletedAServiceDrainsTurnsInactiveAndLeavesNoContainers() {
        String revision = registerHttpd("one", false);
        server.ecs().createService(fargateService(CLUSTER, "web", revision, 2).build());
        awaitService("2 RUNNING tasks", s -> completedOn(s, revision, 2));
        assertThat(containers()).isNotEmpty();

        server.ecs().updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(0));
        awaitService("no tasks", s -> s.runningCount() == 0 && s.pendingCount() == 0 && running().isEmpty());
        Service deleted = server.ecs().deleteService(r -> r.cluster(CLUSTER).service("web")).service();

        assertThat(deleted.status()).isEqualTo("DRAINING");
        awaitService("INACTIVE", s -> "INACTIVE".equals(s.status()));
        await("no containers of the service").atMost(TIMEOUT).until(() -> containers().isEmpty());
        assertThat(ServiceRequests.tasks(server.ecs(), CLUSTER, "web")).extracting(Task::lastStatus)
                .containsExactly("STOPPED", "STOPPED");
    }

    private String registerHttpd(String content, boolean healthCheck) {
        ContainerDefinition.Builder container = ContainerDefinition.builder().name("web").image(server.busybox())
                .essential(true)
                // httpd as PID 1 would ignore SIGTERM and every stop would wait out the stop timeout.
                .command("sh", "-c", "echo 'revision " + content + "' > /var/www/index.html; trap 'exit 0' TERM; "
                        + "httpd -f -p 8080 -h /var/www & wait")
                .portMappings(p -> p.containerPort(8080));
        if (healthCheck) {
            container.healthCheck(h -> h.command("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1")
                    .interval(5).timeout(2).retries(2));
        }
        return ServiceRequests.registerFargate(server.ecs(), "httpd", container.build());
    }

    private Service describe() {
        return ServiceRequests.describe(server.ecs(), CLUSTER, "web");
    }

    private Service awaitService(String what, Predicate<Service> condition) {
        return ServiceRequests.awaitService(server.ecs(), CLUSTER, "web", TIMEOUT, what, condition);
    }

    /** The service's tasks that it wants running. */
    private List<Task> running() {
        return ServiceRequests.tasks(server.ecs(), CLUSTER, "web").stream()
                .filter(t -> "RUNNING".equals(t.desiredStatus()))
                .toList();
    }

    private static List<dev.ecsd.agent.runtime.ContainerObservation> containers() {
        return server.docker().listContainers(Map.of(ContainerSpecs.LABEL_INSTANCE, server.instanceId()));
    }

    /** This server's containers by the task they belong to (the label the ECS agent sets). */
    private static Map<String, List<String>> containersByTask() {
        return containers().stream().collect(java.util.stream.Collectors.groupingBy(
                c -> c.labels().get(ContainerSpecs.LABEL_TASK_ARN),
                java.util.stream.Collectors.mapping(dev.ecsd.agent.runtime.ContainerObservation::id,
                        java.util.stream.Collectors.toList())));
    }
}

package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.DockerServer;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.LocalHttp;
import dev.ecsd.testing.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.StopTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * Tasks run through the ECS API on a real Docker Engine, each a real container: lifecycle, stop codes and
 * reasons in ECS's words, logs, ports, health, limits, dependsOn, labels, overrides.
 */
@RequiresDocker
class TaskDockerIT {
    private static final String CLUSTER = "docker-it";
    /** Runs until SIGTERM, then says so and exits 42: proves the signal arrived and the exit code is reported. */
    private static final List<String> LONG = List.of("sh", "-c",
            "trap 'echo got SIGTERM; exit 42' TERM; echo started; sleep 600 & wait");

    @RegisterExtension
    static final DockerServer server = DockerServer.withCluster(CLUSTER);
    private final EcsTasks tasks = server.tasks();

    private static ContainerDefinition.Builder container(String name, List<String> command) {
        return ContainerDefinition.builder().name(name).image(server.busybox()).essential(true).command(command);
    }

    @Test
    void aTaskThatEchoesAndExitsIsRunningThenStoppedWithItsOutputInCloudWatchLogs() {
        String group = "/ecs/docker-it-echo";
        String definition = tasks.register("echo", container("main",
                List.of("sh", "-c", "sleep 2; echo hello from ecsd; echo second line"))
                .logConfiguration(EcsTasks.awslogs(group, "ecs", true)).build());

        String arn = tasks.run(definition);
        List<String> seen = tasks.statusesUntil(arn, "STOPPED");

        assertThat(seen).as("lastStatus as seen while polling").contains("RUNNING").endsWith("STOPPED");
        assertThat(seen).isSubsetOf("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING", "DEACTIVATING", "STOPPING",
                "DEPROVISIONING", "STOPPED");
        assertThat(seen.indexOf("RUNNING")).isLessThan(seen.indexOf("STOPPED"));
        Task task = tasks.describe(arn);
        assertThat(task.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(task.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(task.desiredStatus()).isEqualTo("STOPPED");
        assertThat(task.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.exitCode()).isZero();
            assertThat(c.reason()).isNull();
        });
        // Read at once, not awaited: the agent drains a container's output before it reports the task STOPPED.
        assertThat(EcsTasks.logMessages(server.logs(), group, "ecs/main/" + EcsTasks.taskId(arn)))
                .containsExactly("hello from ecsd", "second line");
        assertTimestampsInOrder(task);
    }

    @Test
    void aBurstOfOutputAtTheEndOfATaskIsShippedWhollyBeforeItIsStopped() {
        String group = "/ecs/docker-it-burst";
        String arn = tasks.run(tasks.register("burst", container("main", List.of("sh", "-c", "sleep 1; seq 1 5000"))
                .logConfiguration(EcsTasks.awslogs(group, "ecs", true)).build()));

        tasks.awaitStatus(arn, "STOPPED");

        List<String> shipped = EcsTasks.logMessages(server.logs(), group, "ecs/main/" + EcsTasks.taskId(arn));
        assertThat(shipped).as("every line, in order, by the time the task is STOPPED").hasSize(5000);
        assertThat(shipped.getFirst()).isEqualTo("1");
        assertThat(shipped.getLast()).isEqualTo("5000");
    }

    @Test
    void longLinesAreShippedAsOneEventEach() {
        String group = "/ecs/docker-it-long-line";
        String arn = tasks.run(tasks.register("long-line", container("main", List.of("sh", "-c",
                "sleep 1; line=0123456789; for i in 1 2 3 4 5 6 7 8 9; do line=$line$line; done; "
                        + "echo \"start $line end\"; echo after; "
                        + "for i in 1 2 3; do line=$line$line; done; echo \"long $line end\"; printf last"))
                .logConfiguration(EcsTasks.awslogs(group, "ecs", true)).build()));

        tasks.awaitStatus(arn, "STOPPED");

        assertThat(EcsTasks.logMessages(server.logs(), group, "ecs/main/" + EcsTasks.taskId(arn)))
                .as("a 5 KiB line and a 40 KiB line are one event each, as the awslogs driver ships them; "
                        + "a last line without its newline is a line")
                .containsExactly("start " + "0123456789".repeat(512) + " end", "after",
                        "long " + "0123456789".repeat(4096) + " end", "last");
    }

    @Test
    void stopTaskWithAReasonStopsALongTaskAsUserInitiated() {
        String group = "/ecs/docker-it-stop";
        String definition = tasks.register("long", container("main", LONG)
                .logConfiguration(EcsTasks.awslogs(group, "ecs", true)).build());
        String arn = tasks.run(definition);
        Task running = tasks.awaitStatus(arn, "RUNNING");
        assertThat(running.startedAt()).isNotNull();

        StopTaskResponse response = server.ecs().stopTask(b -> b.cluster(CLUSTER).task(arn).reason("manual stop"));
        assertThat(response.task().desiredStatus()).isEqualTo("STOPPED");
        assertThat(response.task().stoppingAt()).isNotNull();
        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("manual stop");
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.exitCode()).as("the exit code the container's SIGTERM trap chose").isEqualTo(42);
        });
        assertThat(EcsTasks.logMessages(server.logs(), group, "ecs/main/" + EcsTasks.taskId(arn)))
                .as("output written while stopping is shipped before STOPPED")
                .containsExactly("started", "got SIGTERM");
        assertTimestampsInOrder(stopped);
    }

    @Test
    void stopTaskWithoutAReasonSaysTaskStoppedByUser() {
        String arn = tasks.run(tasks.register("long-no-reason", container("main", LONG).build()));
        tasks.awaitStatus(arn, "RUNNING");

        server.ecs().stopTask(b -> b.cluster(CLUSTER).task(arn));
        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
        assertThat(stopped.containers().getFirst().exitCode()).isEqualTo(42);
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterItsStopTimeout() {
        String arn = tasks.run(tasks.register("stubborn", container("main",
                List.of("sh", "-c", "trap '' TERM; echo ignoring SIGTERM; while true; do sleep 1; done"))
                .stopTimeout(2).build()));
        tasks.awaitStatus(arn, "RUNNING");

        Instant asked = Instant.now();
        server.ecs().stopTask(b -> b.cluster(CLUSTER).task(arn));
        Task stopped = tasks.awaitStatus(arn, "STOPPED");
        Duration took = Duration.between(asked, Instant.now());

        assertThat(stopped.containers().getFirst().exitCode()).as("SIGKILL").isEqualTo(137);
        assertThat(took).as("SIGKILL comes after the 2 s stopTimeout, not the default 30 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(20));
        System.out.printf("MEASURE stopTimeout 2 s: StopTask to STOPPED %d ms%n", took.toMillis());
    }

    @Test
    void anImageThatDoesNotExistFailsTheTaskWithCannotPullContainerError() {
        String arn = tasks.run(tasks.register("no-image", ContainerDefinition.builder().name("main")
                .image("ecsd-test/no-such-image:404").essential(true).build()));

        List<String> seen = tasks.statusesUntil(arn, "STOPPED");
        Task task = tasks.describe(arn);

        assertThat(seen).doesNotContain("RUNNING");
        assertThat(task.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(task.stoppedReason()).startsWith("CannotPullContainerError: Error response from daemon: ")
                .hasSizeGreaterThan(60);
        assertThat(task.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.reason()).isEqualTo(task.stoppedReason());
        });
        assertThat(task.pullStartedAt()).isNotNull();
    }

    @Test
    void aCommandThatDoesNotExistFailsTheTaskWithCannotStartContainerError() {
        String arn = tasks.run(tasks.register("no-command", container("main", List.of("no-such-command")).build()));

        Task task = tasks.awaitStatus(arn, "STOPPED");

        assertThat(task.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(task.stoppedReason())
                .startsWith("CannotStartContainerError: Error response from daemon: ")
                .contains("\"no-such-command\": executable file not found");
        assertThat(task.containers().getFirst().reason()).isEqualTo(task.stoppedReason());
        assertThat(task.startedAt()).isNull();
    }

    @Test
    void anHttpdTaskAnswersOnItsHostPortAndItsContainersShareLocalhost() throws Exception {
        String group = "/ecs/docker-it-web";
        String definition = tasks.register("web",
                container("web", List.of("sh", "-c", "echo \"$BODY\" > /var/www/index.html; exec httpd -f -p 8080 -h /var/www"))
                        .portMappings(PortMapping.builder().containerPort(8080).build())
                        .environment(KeyValuePair.builder().name("BODY").value("default body").build())
                        .build(),
                container("probe", List.of("sh", "-c", "for i in $(seq 1 60); do "
                        + "if wget -q -O /tmp/page http://localhost:8080/; then cat /tmp/page; exit 0; fi; sleep 1; "
                        + "done; exit 1"))
                        .essential(false)
                        .logConfiguration(EcsTasks.awslogs(group, "ecs", true))
                        .build());

        String first = tasks.run(definition, body("web", "first task"));
        String second = tasks.run(definition, body("web", "second task"));
        NetworkBinding firstBinding = webBinding(tasks.awaitStatus(first, "RUNNING"));
        NetworkBinding secondBinding = webBinding(tasks.awaitStatus(second, "RUNNING"));

        assertThat(List.of(firstBinding, secondBinding))
                .extracting(NetworkBinding::bindIP, NetworkBinding::containerPort)
                .containsOnly(tuple("127.0.0.1", 8080));
        assertThat(firstBinding.hostPort()).as("two tasks on one container port get their own host ports")
                .isPositive().isNotEqualTo(secondBinding.hostPort());
        assertThat(LocalHttp.awaitBody(firstBinding.hostPort(), EcsTasks.PATIENCE)).isEqualTo("first task\n");
        assertThat(LocalHttp.awaitBody(secondBinding.hostPort(), EcsTasks.PATIENCE)).isEqualTo("second task\n");

        Task probed = tasks.awaitTask(first, "the probe container to have exited",
                t -> "STOPPED".equals(container(t, "probe").lastStatus()));
        assertThat(container(probed, "probe").exitCode()).as("the probe reached the web container on localhost")
                .isZero();
        assertThat(probed.lastStatus()).as("a non-essential container's exit leaves the task running")
                .isEqualTo("RUNNING");
        assertThat(EcsTasks.logMessages(server.logs(), group, "ecs/probe/" + EcsTasks.taskId(first)))
                .containsExactly("first task");
    }

    private static TaskOverride body(String container, String body) {
        return TaskOverride.builder().containerOverrides(ContainerOverride.builder().name(container)
                .environment(KeyValuePair.builder().name("BODY").value(body).build()).build()).build();
    }

    private static NetworkBinding webBinding(Task task) {
        assertThat(container(task, "web").networkBindings()).as("networkBindings of web").hasSize(1);
        return container(task, "web").networkBindings().getFirst();
    }

    @Test
    void anEssentialContainerExitingOneStopsATwoContainerTask() {
        String arn = tasks.run(tasks.register("two-containers",
                container("sidecar", LONG).build(),
                container("worker", List.of("sh", "-c", "sleep 2; exit 1")).build()));

        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
        assertThat(stopped.containers()).extracting(Container::name, Container::lastStatus, Container::exitCode)
                .containsExactlyInAnyOrder(tuple("worker", "STOPPED", 1), tuple("sidecar", "STOPPED", 42));
        assertThat(DockerCli.containerIds("com.amazonaws.ecs.task-arn", arn))
                .as("a STOPPED task's containers are removed from the engine").isEmpty();
    }

    @Test
    void aNonEssentialContainerExitingDoesNotStopTheTask() {
        String arn = tasks.run(tasks.register("non-essential",
                container("main", LONG).build(),
                container("helper", List.of("sh", "-c", "sleep 1; exit 3")).essential(false).build()));

        Task afterExit = tasks.awaitTask(arn, "helper to have exited",
                t -> "STOPPED".equals(container(t, "helper").lastStatus()));
        assertThat(container(afterExit, "helper").exitCode()).isEqualTo(3);

        await("the task to stay RUNNING").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> "RUNNING".equals(tasks.describe(arn).lastStatus()));
        Task task = tasks.describe(arn);
        assertThat(task.desiredStatus()).isEqualTo("RUNNING");
        assertThat(container(task, "main").lastStatus()).isEqualTo("RUNNING");
    }

    @Test
    void healthChecksShowUnhealthyAndHealthyOnContainerAndTask() {
        String failing = tasks.run(tasks.register("health-failing", container("main", LONG)
                .healthCheck(check("exit 1")).build()));
        String passing = tasks.run(tasks.register("health-passing", container("main", LONG)
                .healthCheck(check("exit 0")).build()));

        Task unhealthy = tasks.awaitTask(failing, "healthStatus UNHEALTHY", t -> "UNHEALTHY".equals(t.healthStatusAsString()));
        Task healthy = tasks.awaitTask(passing, "healthStatus HEALTHY", t -> "HEALTHY".equals(t.healthStatusAsString()));

        assertThat(unhealthy.containers().getFirst().healthStatusAsString()).isEqualTo("UNHEALTHY");
        assertThat(healthy.containers().getFirst().healthStatusAsString()).isEqualTo("HEALTHY");
        assertThat(unhealthy.lastStatus()).isEqualTo("RUNNING");
    }

    private static HealthCheck check(String shell) {
        return HealthCheck.builder().command("CMD-SHELL", shell).interval(5).timeout(2).retries(1).startPeriod(0).build();
    }

    @Test
    void aContainerOverItsMemoryLimitIsKilledAsEcsReportsIt() {
        String arn = tasks.run(tasks.register("oom", container("main",
                List.of("sh", "-c", "x=0123456789; while true; do x=\"$x$x\"; done")).memory(32).build()));

        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
            assertThat(c.exitCode()).isEqualTo(137);
        });
        assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    }

    @Test
    void dependsOnOrdersStarts() {
        String arn = tasks.run(tasks.register("depends-on",
                container("first", List.of("sh", "-c", "sleep 2; exit 0")).essential(false).build(),
                container("failing", List.of("sh", "-c", "sleep 1; exit 3")).essential(false).build(),
                container("db", List.of("sh", "-c",
                        "trap 'exit 0' TERM; sleep 3; touch /tmp/ready; sleep 600 & wait"))
                        .healthCheck(check("test -f /tmp/ready")).build(),
                container("afterStart", LONG).dependsOn(on("first", ContainerCondition.START)).build(),
                container("afterSuccess", LONG).dependsOn(on("first", ContainerCondition.SUCCESS)).build(),
                container("afterComplete", LONG).dependsOn(on("failing", ContainerCondition.COMPLETE)).build(),
                container("afterHealthy", LONG).dependsOn(on("db", ContainerCondition.HEALTHY)).build()));

        Task running = tasks.awaitStatus(arn, "RUNNING");
        Map<String, JsonNode> inspected = new java.util.HashMap<>();
        running.containers().forEach(c -> inspected.put(c.name(), DockerCli.inspect(c.runtimeId())));

        assertThat(started(inspected, "afterStart")).isAfterOrEqualTo(started(inspected, "first"));
        assertThat(started(inspected, "afterSuccess")).isAfterOrEqualTo(finished(inspected, "first"));
        assertThat(started(inspected, "afterComplete")).isAfterOrEqualTo(finished(inspected, "failing"));
        assertThat(started(inspected, "afterHealthy")).isAfterOrEqualTo(firstPassingProbe(inspected.get("db")));
        assertThat(container(running, "failing").exitCode()).isEqualTo(3);
        assertThat(container(running, "first").exitCode()).isZero();

        // The engine's exit and health events wake the task's worker: it does not wait for its periodic look.
        Duration afterExit = Duration.between(finished(inspected, "first"), started(inspected, "afterSuccess"));
        Duration afterHealthy = Duration.between(firstPassingProbe(inspected.get("db")), started(inspected, "afterHealthy"));
        System.out.printf("MEASURE dependsOn: started %d ms after the dependency exited, %d ms after it was healthy%n",
                afterExit.toMillis(), afterHealthy.toMillis());
        assertThat(afterExit).isLessThan(TaskPlanner.RESYNC.minusSeconds(4));
        assertThat(afterHealthy).isLessThan(TaskPlanner.RESYNC.minusSeconds(4));
    }

    private static ContainerDependency on(String container, ContainerCondition condition) {
        return ContainerDependency.builder().containerName(container).condition(condition).build();
    }

    private static Instant started(Map<String, JsonNode> inspected, String name) {
        return DockerCli.stateTime(inspected.get(name), "StartedAt");
    }

    private static Instant finished(Map<String, JsonNode> inspected, String name) {
        return DockerCli.stateTime(inspected.get(name), "FinishedAt");
    }

    private static Instant firstPassingProbe(JsonNode inspected) {
        for (JsonNode probe : inspected.path("State").path("Health").path("Log")) {
            if (probe.path("ExitCode").asInt(-1) == 0) {
                return Instant.parse(probe.path("End").asText());
            }
        }
        throw new AssertionError("no passing health probe in " + inspected.path("State").path("Health"));
    }

    @Test
    void awslogsWithAMissingGroupFailsTheTaskAsEcsDoes() {
        String arn = tasks.run(tasks.register("missing-group", container("main", List.of("sh", "-c", "echo hi"))
                .logConfiguration(EcsTasks.awslogs("/ecs/docker-it-never-created", "ecs", false)).build()));

        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).isEqualTo("ResourceInitializationError: failed to validate logger args: "
                + "create stream has been retried 1 times: failed to create Cloudwatch log stream: "
                + "ResourceNotFoundException: The specified log group does not exist.");
        assertThat(stopped.startedAt()).isNull();
    }

    @Test
    void containersCarryTheLabelsOfTheEcsAgent() {
        String definition = tasks.register("labelled", container("main", LONG)
                .dockerLabels(Map.of("team", "ecsd")).build());
        String arn = tasks.run(definition);
        Task task = tasks.awaitStatus(arn, "RUNNING");

        JsonNode labels = DockerCli.inspect(task.containers().getFirst().runtimeId()).path("Config").path("Labels");

        assertThat(labels.path("com.amazonaws.ecs.cluster").asText()).isEqualTo(task.clusterArn());
        assertThat(labels.path("com.amazonaws.ecs.task-arn").asText()).isEqualTo(arn);
        assertThat(labels.path("com.amazonaws.ecs.container-name").asText()).isEqualTo("main");
        assertThat(labels.path("com.amazonaws.ecs.task-definition-family").asText()).isEqualTo("labelled");
        assertThat(labels.path("com.amazonaws.ecs.task-definition-version").asText())
                .isEqualTo(definition.substring(definition.lastIndexOf(':') + 1));
        assertThat(labels.path("team").asText()).as("the definition's dockerLabels").isEqualTo("ecsd");
        assertThat(labels.path("dev.ecsd.instance").asText()).isEqualTo(server.instanceId());
    }

    @Test
    void environmentAndCommandOverridesReachTheContainer() {
        String group = "/ecs/docker-it-overrides";
        String definition = tasks.register("overrides", container("main", List.of("sh", "-c", "echo default command"))
                .environment(KeyValuePair.builder().name("GREETING").value("default greeting").build())
                .logConfiguration(EcsTasks.awslogs(group, "ecs", true)).build());

        String arn = tasks.run(definition, TaskOverride.builder().containerOverrides(ContainerOverride.builder()
                .name("main")
                .command("sh", "-c", "echo \"$GREETING from the override\"; echo \"extra: $EXTRA\"")
                .environment(KeyValuePair.builder().name("GREETING").value("hello").build(),
                        KeyValuePair.builder().name("EXTRA").value("added").build())
                .build()).build());
        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.containers().getFirst().exitCode()).isZero();
        assertThat(EcsTasks.logMessages(server.logs(), group, "ecs/main/" + EcsTasks.taskId(arn)))
                .containsExactly("hello from the override", "extra: added");
        assertThat(stopped.overrides().containerOverrides()).singleElement()
                .satisfies(o -> assertThat(o.command()).contains("sh", "-c"));
    }

    @Test
    void aMissingSecretStopsTheTaskWithResourceInitializationErrorBeforeAnyContainerIsCreated() {
        String arn = tasks.run(tasks.register("with-secret", container("main", LONG)
                .secrets(Secret.builder().name("DB_PASSWORD")
                        .valueFrom("arn:aws:secretsmanager:us-east-1:000000000000:secret:db-password").build())
                .build()));

        Task stopped = tasks.awaitStatus(arn, "STOPPED");

        assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.stoppedReason()).startsWith("ResourceInitializationError: unable to pull secrets or "
                + "registry auth: ").contains("arn:aws:secretsmanager:us-east-1:000000000000:secret:db-password")
                .contains("ResourceNotFoundException");
        assertThat(DockerCli.containerIds("com.amazonaws.ecs.task-arn", arn)).isEmpty();
    }

    @Test
    void anAwsvpcTaskDescribesItsEniAttachment() {
        String arn = tasks.run(tasks.register("eni", container("main", LONG).build()));
        Task running = tasks.awaitStatus(arn, "RUNNING");

        assertThat(running.attachments()).singleElement().satisfies(eni -> {
            assertThat(eni.type()).isEqualTo("ElasticNetworkInterface");
            assertThat(eni.status()).isEqualTo("ATTACHED");
            assertThat(detail(eni, "subnetId")).isEqualTo("subnet-12345678");
            assertThat(detail(eni, "networkInterfaceId")).matches("eni-[0-9a-f]{17}");
            assertThat(detail(eni, "macAddress")).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(detail(eni, "privateIPv4Address")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(detail(eni, "privateDnsName"))
                    .isEqualTo("ip-" + detail(eni, "privateIPv4Address").replace('.', '-') + ".ec2.internal");
            assertThat(running.containers().getFirst().networkInterfaces()).singleElement().satisfies(ni -> {
                assertThat(ni.attachmentId()).isEqualTo(eni.id());
                assertThat(ni.privateIpv4Address()).isEqualTo(detail(eni, "privateIPv4Address"));
            });
        });
        assertThat(running.connectivity()).hasToString("CONNECTED");

        server.ecs().stopTask(b -> b.cluster(CLUSTER).task(arn));
        Task stopped = tasks.awaitStatus(arn, "STOPPED");
        assertThat(stopped.attachments()).singleElement().extracting(Attachment::status).isEqualTo("DELETED");
    }

    private static String detail(Attachment attachment, String name) {
        return attachment.details().stream().filter(d -> d.name().equals(name)).map(KeyValuePair::value)
                .findFirst().orElseThrow(() -> new AssertionError("no detail " + name + " in " + attachment));
    }

    @Test
    void clusterCountsRunningAndPendingTasks() {
        String cluster = "docker-it-counts";
        server.ecs().createCluster(b -> b.clusterName(cluster));
        EcsTasks counted = new EcsTasks(server.ecs(), cluster);
        try {
            String running = counted.run(counted.register("counted-long", container("main", LONG).build()));
            counted.awaitStatus(running, "RUNNING");
            // waits for a dependency that turns healthy only after ~10 s (first probe at 5 s fails): it stays pending
            String pending = counted.run(counted.register("counted-pending",
                    container("db", List.of("sh", "-c", "trap 'exit 0' TERM; sleep 7; touch /tmp/ready; sleep 600 & wait"))
                            .healthCheck(check("test -f /tmp/ready")).build(),
                    container("app", LONG).dependsOn(on("db", ContainerCondition.HEALTHY)).build()));

            awaitCounts(cluster, 1, 1);
            assertThat(counted.describe(pending).lastStatus()).isIn("PROVISIONING", "PENDING", "ACTIVATING");
            awaitCounts(cluster, 2, 0);
            counted.stopAll();
            awaitCounts(cluster, 0, 0);
        } finally {
            counted.stopAll();
        }
    }

    private static void awaitCounts(String cluster, int running, int pending) {
        await("cluster " + cluster + " to count " + running + " running and " + pending + " pending tasks")
                .atMost(EcsTasks.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Cluster described = server.ecs().describeClusters(b -> b.clusters(cluster)).clusters().getFirst();
                    return described.runningTasksCount() == running && described.pendingTasksCount() == pending;
                });
    }

    @Test
    void timeFromRunTaskToRunningAndFromStopTaskToStopped() {
        String definition = tasks.register("timed", container("main", LONG).build());
        // warms up (the first pause container, the JIT) and is left running, as a user's other tasks would be
        tasks.awaitStatus(tasks.run(definition), "RUNNING");

        Instant asked = Instant.now();
        String arn = tasks.run(definition);
        tasks.statusesUntil(arn, "RUNNING");
        Duration toRunning = Duration.between(asked, Instant.now());
        Instant stopAsked = Instant.now();
        server.ecs().stopTask(b -> b.cluster(CLUSTER).task(arn));
        tasks.statusesUntil(arn, "STOPPED");
        Duration toStopped = Duration.between(stopAsked, Instant.now());

        System.out.printf("MEASURE awsvpc task: RunTask to RUNNING %d ms, StopTask to STOPPED %d ms%n",
                toRunning.toMillis(), toStopped.toMillis());
        assertThat(toRunning).as("RunTask to RUNNING").isLessThan(Duration.ofSeconds(15));
        assertThat(toStopped).as("StopTask to STOPPED of a container that exits on SIGTERM")
                .isLessThan(Duration.ofSeconds(15));
    }

    private static Container container(Task task, String name) {
        return task.containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + task.taskArn()));
    }

    private static void assertTimestampsInOrder(Task task) {
        assertThat(List.of(task.createdAt(), task.connectivityAt(), task.pullStartedAt(), task.pullStoppedAt(),
                task.startedAt(), task.stoppingAt(), task.executionStoppedAt(), task.stoppedAt()))
                .as("createdAt, connectivityAt, pullStartedAt, pullStoppedAt, startedAt, stoppingAt, "
                        + "executionStoppedAt, stoppedAt")
                .doesNotContainNull()
                .isSorted();
    }
}

package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.testing.DockerCli;
import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.RequiresDocker;
import dev.ecsd.testing.ServerProcess;
import dev.ecsd.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The control plane dies with kill -9 while tasks run, on a real Docker Engine, and starts again on the same data
 * directory: it re-adopts what still runs, starts nothing twice, stops what vanished, and ships the output written
 * while it was down.
 */
@RequiresDocker
class TaskRestartIT {
    private static final String CLUSTER = "restart-it";
    private static final String GROUP = "/ecs/restart-it";
    private static final String TASK_ARN_LABEL = "com.amazonaws.ecs.task-arn";
    private static final Pattern TICK = Pattern.compile("tick (\\d+)");
    /** Writes "tick N" every second; exits 0 on SIGTERM. */
    private static final List<String> TICKER = List.of("sh", "-c",
            "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 1 & wait; done");

    @Test
    void afterKill9TheSameTasksRunNothingIsDuplicatedAndAVanishedContainerStopsItsTask() {
        String instanceId = null;
        try (ServerProcess server = ServerProcess.start();
                DockerRuntime docker = DockerRuntime.fromEnvironment()) {
            instanceId = DockerCli.instanceIdOf(server.dataDirectory());
            String image = TestImages.busybox(docker);
            server.ecs().createCluster(b -> b.clusterName(CLUSTER));
            EcsTasks tasks = new EcsTasks(server.ecs(), CLUSTER);
            String definition = tasks.register("ticker", ContainerDefinition.builder()
                    .name("main").image(image).essential(true).command(TICKER)
                    .logConfiguration(EcsTasks.awslogs(GROUP, "ecs", true)).build());
            String kept = tasks.run(definition);
            String vanishing = tasks.run(definition);
            String stoppedAfterRestart = tasks.run(definition);
            Task keptBefore = tasks.awaitStatus(kept, "RUNNING");
            String vanishingContainer = tasks.awaitStatus(vanishing, "RUNNING").containers().getFirst().runtimeId();
            tasks.awaitStatus(stoppedAfterRestart, "RUNNING");
            List<String> keptContainers = DockerCli.containerIds(TASK_ARN_LABEL, kept);
            assertThat(keptContainers).as("main alone: a one-container awsvpc task has no pause container").hasSize(1);
            String keptStream = "ecs/main/" + EcsTasks.taskId(kept);
            try (CloudWatchLogsClient logs = server.logs()) {
                await("ticks shipped before the kill").atMost(EcsTasks.PATIENCE)
                        .until(() -> ticks(EcsTasks.logMessages(logs, GROUP, keptStream)).size() >= 2);
            }

            server.kill9();
            DockerCli.removeForcibly(List.of(vanishingContainer));
            String keptMain = keptBefore.containers().getFirst().runtimeId();
            int tickAtKill = lastTick(DockerCli.logs(keptMain));
            int lastTickWhileDown = await("ticks written while the server is down").atMost(EcsTasks.PATIENCE)
                    .until(() -> lastTick(DockerCli.logs(keptMain)), tick -> tick >= tickAtKill + 3);
            server.restart();
            tasks = new EcsTasks(server.ecs(), CLUSTER);
            server.ecs().stopTask(b -> b.cluster(CLUSTER).task(stoppedAfterRestart).reason("stopped after restart"));

            Task vanished = tasks.awaitStatus(vanishing, "STOPPED");
            assertThat(vanished.stopCodeAsString()).isEqualTo("EssentialContainerExited");
            assertThat(vanished.stoppedReason()).isEqualTo("Essential container in task exited");
            assertThat(vanished.containers().getFirst().reason())
                    .isEqualTo("ContainerVanishedError: No container matching saved ID found");
            await("nothing of the vanished task left").atMost(EcsTasks.PATIENCE)
                    .until(() -> DockerCli.containerIds(TASK_ARN_LABEL, vanishing).isEmpty());

            Task stopped = tasks.awaitStatus(stoppedAfterRestart, "STOPPED");
            assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
            assertThat(stopped.stoppedReason()).isEqualTo("stopped after restart");
            assertThat(stopped.containers().getFirst().exitCode()).isZero();
            assertThat(DockerCli.containerIds(TASK_ARN_LABEL, stoppedAfterRestart)).isEmpty();

            Task keptAfter = tasks.describe(kept);
            assertThat(keptAfter.lastStatus()).isEqualTo("RUNNING");
            assertThat(keptAfter.containers().getFirst().runtimeId()).isEqualTo(keptMain);
            assertThat(DockerCli.containerIds(TASK_ARN_LABEL, kept)).as("no container started twice")
                    .containsExactlyInAnyOrderElementsOf(keptContainers);
            try (CloudWatchLogsClient logs = server.logs()) {
                List<Integer> ticks = await("the ticks written while down to be shipped").atMost(EcsTasks.PATIENCE)
                        .until(() -> ticks(EcsTasks.logMessages(logs, GROUP, keptStream)),
                                shipped -> !shipped.isEmpty() && shipped.getLast() > lastTickWhileDown);
                assertThat(ticks).as("every tick shipped once, in order, none lost across the restart")
                        .isEqualTo(range(1, ticks.getLast()));
            }

            server.ecs().stopTask(b -> b.cluster(CLUSTER).task(kept));
            assertThat(tasks.awaitStatus(kept, "STOPPED").stopCodeAsString()).isEqualTo("UserInitiated");
            assertThat(DockerCli.containerIds(TASK_ARN_LABEL, kept)).isEmpty();
        } finally {
            if (instanceId != null) {
                DockerCli.removeEverythingOf(instanceId);
            }
        }
    }

    private static int lastTick(String output) {
        List<Integer> ticks = ticks(output.lines().toList());
        return ticks.isEmpty() ? 0 : ticks.getLast();
    }

    private static List<Integer> ticks(List<String> lines) {
        List<Integer> ticks = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = TICK.matcher(line);
            if (matcher.matches()) {
                ticks.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return ticks;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> range = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }
}

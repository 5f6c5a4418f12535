package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.TaskFixtures.arns;
import static dev.ecsd.api.ecs.TaskFixtures.container;
import static dev.ecsd.api.ecs.TaskFixtures.describeAll;
import static dev.ecsd.api.ecs.TaskFixtures.fargate;
import static dev.ecsd.api.ecs.TaskFixtures.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ecsd.agent.runtime.SimulatedRuntime;
import dev.ecsd.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Two hundred tasks through their whole lifecycle on the simulated runtime, through the API. Prints how long
 * that took, for comparing runs; asserts only that every task got there.
 */
class SimulatedScaleIT {
    private static final String CLUSTER = "scale";
    private static final int CALLS = 20;
    private static final int PER_CALL = 10;

    @Test
    void twoHundredTasksAllRunAndAllStop() {
        try (TestServer server = TestServer.start()) {
            EcsClient ecs = server.ecs();
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            registerFargate(ecs, "web", container("web"));

            long start = System.nanoTime();
            List<String> tasks = new ArrayList<>();
            for (int call = 0; call < CALLS; call++) {
                tasks.addAll(arns(ecs.runTask(fargate(CLUSTER, "web").count(PER_CALL).build()).tasks()));
            }
            long launched = System.nanoTime();
            awaitAll(ecs, tasks, "RUNNING");
            long running = System.nanoTime();

            assertThat(tasks).hasSize(CALLS * PER_CALL).doesNotHaveDuplicates();
            assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().getFirst().runningTasksCount())
                    .isEqualTo(CALLS * PER_CALL);

            long stopping = System.nanoTime();
            tasks.forEach(arn -> ecs.stopTask(r -> r.cluster(CLUSTER).task(arn)));
            long stopsAnswered = System.nanoTime();
            awaitAll(ecs, tasks, "STOPPED");
            long stopped = System.nanoTime();

            assertThat(describeAll(ecs, CLUSTER, tasks)).extracting(Task::stopCodeAsString).containsOnly("UserInitiated");
            assertThat(((SimulatedRuntime) server.server().runtime()).containerCount()).isZero();
            System.out.printf("SimulatedScaleIT: %d tasks: %d RunTask calls answered in %d ms, all RUNNING %d ms "
                            + "after the first; %d StopTask calls answered in %d ms, all STOPPED %d ms after the first%n",
                    tasks.size(), CALLS, millis(start, launched), millis(start, running), tasks.size(),
                    millis(stopping, stopsAnswered), millis(stopping, stopped));
        }
    }

    private static void awaitAll(EcsClient ecs, List<String> tasks, String lastStatus) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(describeAll(ecs, CLUSTER, tasks)).extracting(Task::lastStatus).containsOnly(lastStatus));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}

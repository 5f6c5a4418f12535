package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ClusterApiIT.assertClusterNotFound;
import static dev.ecsd.api.ecs.ClusterApiIT.tag;
import static dev.ecsd.api.ecs.TaskApiIT.assertInvalidParameter;
import static dev.ecsd.api.ecs.TaskFixtures.arns;
import static dev.ecsd.api.ecs.TaskFixtures.awaitTask;
import static dev.ecsd.api.ecs.TaskFixtures.awsvpc;
import static dev.ecsd.api.ecs.TaskFixtures.container;
import static dev.ecsd.api.ecs.TaskFixtures.describe;
import static dev.ecsd.api.ecs.TaskFixtures.fargate;
import static dev.ecsd.api.ecs.TaskFixtures.lastStatus;
import static dev.ecsd.api.ecs.TaskFixtures.registerFargate;
import static dev.ecsd.api.ecs.TaskFixtures.runOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** StartTask, StopTask, DescribeTasks, ListTasks and the tags of tasks, over HTTP on the simulated runtime. */
class TaskStateApiIT {
    private static final String CLUSTER = "tasks";
    private static final String OTHER_CLUSTER = "elsewhere";
    private static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:000000000000:";
    private static final String NOT_FOUND = "The referenced task was not found.";

    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();

    @BeforeEach
    void wipe() {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        ecs.createCluster(r -> r.clusterName(OTHER_CLUSTER));
        registerFargate(ecs, "web", container("web"));
        registerFargate(ecs, "worker", container("worker"));
    }

    // StartTask

    @Test
    void startTaskNeedsContainerInstancesAndReportsUnknownOnesMissing() {
        assertInvalidParameter(() -> ecs.startTask(r -> r.cluster(CLUSTER).taskDefinition("web")
                .containerInstances(List.of())));

        StartTaskResponse response = ecs.startTask(r -> r.cluster(CLUSTER).taskDefinition("web")
                .containerInstances("0123456789abcdef", ARN_PREFIX + "container-instance/" + CLUSTER + "/fedcba"));

        assertThat(response.tasks()).isEmpty();
        assertThat(response.failures()).extracting(Failure::arn, Failure::reason).containsExactly(
                tuple(ARN_PREFIX + "container-instance/" + CLUSTER + "/0123456789abcdef",
                        "MISSING"),
                tuple(ARN_PREFIX + "container-instance/" + CLUSTER + "/fedcba",
                        "MISSING"));
        assertClusterNotFound(() -> ecs.startTask(r -> r.cluster("nowhere").taskDefinition("web")
                .containerInstances("0123456789abcdef")));
    }

    // StopTask

    @Test
    void stopTaskStopsARunningTaskWithTheReasonGiven() {
        Task task = awaitTask(ecs, CLUSTER, runOne(ecs, CLUSTER, "web").taskArn(), lastStatus("RUNNING"));

        Task answered = ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("manual stop")).task();

        assertThat(answered.desiredStatus()).isEqualTo("STOPPED");
        assertThat(answered.lastStatus()).isEqualTo("RUNNING");
        assertThat(answered.stoppingAt()).isNotNull();
        assertThat(answered.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(answered.stoppedReason()).isEqualTo("manual stop");
        Task stopped = awaitTask(ecs, CLUSTER, task.taskArn(), lastStatus("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("manual stop");
        assertThat(List.of(stopped.stoppingAt(), stopped.executionStoppedAt(), stopped.stoppedAt())).isSorted();
        assertThat(stopped.containers()).singleElement().satisfies(c -> {
            assertThat(c.lastStatus()).isEqualTo("STOPPED");
            assertThat(c.exitCode()).isEqualTo(143); // SIGTERM honoured
        });
        assertThat(stopped.attachments().getFirst().status()).isEqualTo("DELETED");
    }

    @Test
    void withoutAReasonTheTaskWasStoppedByUser() {
        Task task = runOne(ecs, CLUSTER, "web");
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        ecs.stopTask(r -> r.cluster(CLUSTER).task(taskId));

        Task stopped = awaitTask(ecs, CLUSTER, task.taskArn(), lastStatus("STOPPED"));
        assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
        assertThat(stopped.stoppedReason()).isEqualTo("Task stopped by user");
    }

    @Test
    void stoppingTwiceKeepsTheFirstReason() {
        Task task = runOne(ecs, CLUSTER, "web");

        ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("first"));
        Task again = ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("second")).task();

        assertThat(again.stoppedReason()).isEqualTo("first");
        assertThat(awaitTask(ecs, CLUSTER, task.taskArn(), lastStatus("STOPPED")).stoppedReason()).isEqualTo("first");
        // and once STOPPED, stopping again changes nothing either
        assertThat(ecs.stopTask(r -> r.cluster(CLUSTER).task(task.taskArn()).reason("third")).task().stoppedReason())
                .isEqualTo("first");
    }

    @Test
    void stoppingAnUnknownTaskIsRefused() {
        Task elsewhere = runOne(ecs, OTHER_CLUSTER, "web");

        assertInvalidParameter(() -> ecs.stopTask(r -> r.cluster(CLUSTER).task("0123456789abcdef0123456789abcdef")),
                NOT_FOUND);
        assertInvalidParameter(() -> ecs.stopTask(r -> r.cluster(CLUSTER)
                .task(ARN_PREFIX + "task/" + CLUSTER + "/0123456789abcdef0123456789abcdef")), NOT_FOUND);
        // a task of another cluster is not found in this one, even by its ARN
        assertInvalidParameter(() -> ecs.stopTask(r -> r.cluster(CLUSTER).task(elsewhere.taskArn())), NOT_FOUND);
        assertThat(describe(ecs, OTHER_CLUSTER, elsewhere.taskArn()).desiredStatus()).isEqualTo("RUNNING");
        assertClusterNotFound(() -> ecs.stopTask(r -> r.cluster("nowhere").task(elsewhere.taskArn())));
    }

    // DescribeTasks

    @Test
    void tasksAreDescribedByIdOrArnAndUnknownOnesAreMissing() {
        Task task = runOne(ecs, CLUSTER, "web");
        Task elsewhere = runOne(ecs, OTHER_CLUSTER, "web");
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);

        DescribeTasksResponse response = ecs.describeTasks(r -> r.cluster(CLUSTER)
                .tasks(taskId, task.taskArn(), "0123456789abcdef0123456789abcdef", elsewhere.taskArn()));

        assertThat(response.tasks()).extracting(Task::taskArn).containsExactly(task.taskArn(), task.taskArn());
        assertThat(response.failures()).extracting(Failure::arn, Failure::reason).containsExactly(
                tuple(ARN_PREFIX + "task/" + CLUSTER + "/0123456789abcdef0123456789abcdef",
                        "MISSING"),
                tuple(elsewhere.taskArn(), "MISSING"));
    }

    @Test
    void tagsAreDescribedOnlyWhenAskedFor() {
        Task task = ecs.runTask(fargate(CLUSTER, "web").tags(tag("team", "a")).build()).tasks().getFirst();

        assertThat(describe(ecs, CLUSTER, task.taskArn()).tags()).isEmpty();
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn()).include(TaskField.TAGS))
                .tasks().getFirst().tags()).containsExactly(tag("team", "a"));
    }

    @Test
    void describeTasksNeedsOneToAHundredTasksInAnExistingCluster() {
        assertInvalidParameter(() -> ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(List.of())),
                "Tasks cannot be empty.");
        List<String> hundredAndOne = IntStream.range(0, 101).mapToObj(i -> String.format("%032x", i)).toList();
        assertInvalidParameter(() -> ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(hundredAndOne)));
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(hundredAndOne.subList(0, 100))).failures())
                .hasSize(100);
        assertClusterNotFound(() -> ecs.describeTasks(r -> r.cluster("nowhere").tasks("0123")));
    }

    // ListTasks

    @Test
    void listTasksShowsTasksDesiredRunningUnlessAskedForStoppedOnes() {
        List<Task> tasks = ecs.runTask(fargate(CLUSTER, "web").count(3).build()).tasks();
        Task stopped = tasks.getFirst();
        ecs.stopTask(r -> r.cluster(CLUSTER).task(stopped.taskArn()));
        List<String> running = arns(tasks.subList(1, 3));

        assertThat(list(r -> r.cluster(CLUSTER))).containsExactlyInAnyOrderElementsOf(running);
        assertThat(list(r -> r.cluster(CLUSTER).desiredStatus(DesiredStatus.RUNNING)))
                .containsExactlyInAnyOrderElementsOf(running);
        assertThat(list(r -> r.cluster(CLUSTER).desiredStatus(DesiredStatus.STOPPED)))
                .containsExactly(stopped.taskArn());
        // ECS never sets a desired status of PENDING
        assertThat(list(r -> r.cluster(CLUSTER).desiredStatus(DesiredStatus.PENDING))).isEmpty();
        awaitTask(ecs, CLUSTER, stopped.taskArn(), lastStatus("STOPPED"));
        assertThat(list(r -> r.cluster(CLUSTER).desiredStatus(DesiredStatus.STOPPED)))
                .containsExactly(stopped.taskArn());
        assertThat(list(r -> r.cluster(OTHER_CLUSTER))).isEmpty();
        assertClusterNotFound(() -> ecs.listTasks(r -> r.cluster("nowhere")));
    }

    @Test
    void listTasksFiltersByFamilyAndLaunchType() {
        Task web = runOne(ecs, CLUSTER, "web");
        Task worker = runOne(ecs, CLUSTER, "worker");

        assertThat(list(r -> r.cluster(CLUSTER).family("web"))).containsExactly(web.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).family("worker"))).containsExactly(worker.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).family("we"))).isEmpty();
        assertThat(list(r -> r.cluster(CLUSTER).launchType(LaunchType.FARGATE)))
                .containsExactlyInAnyOrder(web.taskArn(), worker.taskArn());
        assertThat(list(r -> r.cluster(CLUSTER).launchType(LaunchType.EC2))).isEmpty();
    }

    @Test
    void listTasksFiltersByServiceName() {
        Task standalone = runOne(ecs, CLUSTER, "web");
        ecs.createService(r -> r.cluster(CLUSTER).serviceName("api").taskDefinition("web").desiredCount(2)
                .launchType(LaunchType.FARGATE).networkConfiguration(awsvpc()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(list(r -> r.cluster(CLUSTER).serviceName("api"))).hasSize(2));

        List<String> serviceTasks = list(r -> r.cluster(CLUSTER).serviceName("api"));
        assertThat(serviceTasks).doesNotContain(standalone.taskArn());
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(serviceTasks)).tasks())
                .extracting(Task::group).containsOnly("service:api");
        assertThat(list(r -> r.cluster(CLUSTER).serviceName("other"))).isEmpty();
    }

    @Test
    void startedByMustBeTheOnlyFilter() {
        Task mine = ecs.runTask(fargate(CLUSTER, "web").startedBy("nightly-job").build()).tasks().getFirst();
        runOne(ecs, CLUSTER, "web");

        assertThat(list(r -> r.cluster(CLUSTER).startedBy("nightly-job"))).containsExactly(mine.taskArn());
        assertInvalidParameter(() -> ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("nightly-job").family("web")),
                "cannot specify startedBy with other arguments");
        assertInvalidParameter(() -> ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("nightly-job")
                .launchType(LaunchType.FARGATE)), "cannot specify startedBy with other arguments");
        assertInvalidParameter(() -> ecs.listTasks(r -> r.cluster(CLUSTER).startedBy("nightly-job")
                .serviceName("api")), "cannot specify startedBy with other arguments");
    }

    @Test
    void listTasksPagesThroughEveryTaskOnceWithoutGaps() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.addAll(arns(ecs.runTask(fargate(CLUSTER, "web").count(i < 2 ? 10 : 5).build()).tasks()));
        }

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTasksResponse page = ecs.listTasks(r -> r.cluster(CLUSTER).maxResults(10).nextToken(next));
            seen.addAll(page.taskArns());
            pageSizes.add(page.taskArns().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        // the paginator of the SDK agrees
        assertThat(ecs.listTasksPaginator(r -> r.cluster(CLUSTER).maxResults(7)).taskArns())
                .containsExactlyInAnyOrderElementsOf(all);
        assertInvalidParameter(() -> ecs.listTasks(r -> r.cluster(CLUSTER).maxResults(101)));
        assertInvalidParameter(() -> ecs.listTasks(r -> r.cluster(CLUSTER).nextToken("not-a-token")));
    }

    // tags of a task

    @Test
    void aTaskIsTaggedAndUntaggedByItsArn() {
        Task task = ecs.runTask(fargate(CLUSTER, "web").tags(tag("team", "a")).build()).tasks().getFirst();

        ecs.tagResource(r -> r.resourceArn(task.taskArn()).tags(tag("env", "dev"), tag("team", "b")));

        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags())
                .containsExactlyInAnyOrder(tag("team", "b"), tag("env", "dev"));

        ecs.untagResource(r -> r.resourceArn(task.taskArn()).tagKeys("team"));

        assertThat(ecs.listTagsForResource(r -> r.resourceArn(task.taskArn())).tags()).containsExactly(tag("env", "dev"));
        assertThat(ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(task.taskArn()).include(TaskField.TAGS))
                .tasks().getFirst().tags()).containsExactly(tag("env", "dev"));
        assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn(
                ARN_PREFIX + "task/" + CLUSTER + "/0123456789abcdef0123456789abcdef")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private List<String> list(java.util.function.Consumer<ListTasksRequest.Builder> request) {
        return ecs.listTasks(request).taskArns();
    }
}

package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.awaitService;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.network;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What DescribeServices and ListTasks --service-name read a service's tasks from (its group's index): only that
 * service's tasks, not those of a service whose name starts the same nor a standalone task, page by page in ARN order.
 */
class ServiceTaskReadsIT {
    private static final String CLUSTER = "reads";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();
    private String definition;

    @BeforeEach
    void services() {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        definition = registerFargate(ecs, "app", "busybox");
        ecs.createService(fargateService(CLUSTER, "web", definition, 3).build());
        ecs.createService(fargateService(CLUSTER, "web-2", definition, 2).build());
        ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(definition).launchType("FARGATE")
                .networkConfiguration(network()));
        awaitService(ecs, CLUSTER, "web", PATIENCE, "web to run 3 tasks", s -> s.runningCount() == 3);
        awaitService(ecs, CLUSTER, "web-2", PATIENCE, "web-2 to run 2 tasks", s -> s.runningCount() == 2);
    }

    @Test
    void describeServicesCountsEachServicesOwnTasks() {
        List<Service> services = ecs.describeServices(r -> r.cluster(CLUSTER).services("web", "web-2")).services();

        assertThat(services).extracting(Service::runningCount).containsExactly(3, 2);
        assertThat(services).extracting(Service::pendingCount).containsExactly(0, 0);
        assertThat(services.getFirst().deployments().getFirst().runningCount()).isEqualTo(3);
        assertThat(services.getLast().deployments().getFirst().runningCount()).isEqualTo(2);
    }

    @Test
    void listTasksOfAServicePagesThroughItsTasksOnlyInArnOrder() {
        List<String> arns = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTasksResponse page = ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web").maxResults(2)
                    .nextToken(next));
            arns.addAll(page.taskArns());
            pageSizes.add(page.taskArns().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(2, 1);
        assertThat(arns).isSorted().doesNotHaveDuplicates();
        List<Task> tasks = ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks();
        assertThat(tasks).extracting(Task::group).containsOnly("service:web");
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("web-2")).taskArns()).hasSize(2)
                .doesNotContainAnyElementsOf(arns);
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER).serviceName("we")).taskArns()).isEmpty();
        assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).hasSize(6);
    }
}

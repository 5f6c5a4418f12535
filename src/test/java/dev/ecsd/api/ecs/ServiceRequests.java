package dev.ecsd.api.ecs;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

/** What service tests share: a Fargate task definition, an awsvpc network, a service, and waits on them. */
final class ServiceRequests {
    static final String ACCOUNT = "000000000000";
    static final String ECS_ARN = "arn:aws:ecs:us-east-1:" + ACCOUNT;
    /** ECS's deployment ids, which are also the startedBy of a service's tasks. */
    static final Pattern DEPLOYMENT_ID = Pattern.compile("ecs-svc/\\d{19}");

    private ServiceRequests() {
    }

    static NetworkConfiguration network(String... subnets) {
        return NetworkConfiguration.builder().awsvpcConfiguration(a -> a
                .subnets(subnets.length == 0 ? List.of("subnet-12345678") : List.of(subnets))
                .securityGroups("sg-12345678")
                .assignPublicIp("DISABLED")).build();
    }

    /** Registers a Fargate, awsvpc revision of {@code family} with one essential container of {@code image}. */
    static String registerFargate(EcsClient ecs, String family, String image) {
        return registerFargate(ecs, family, ContainerDefinition.builder().name("web").image(image).essential(true)
                .portMappings(p -> p.containerPort(8080)).build());
    }

    static String registerFargate(EcsClient ecs, String family, ContainerDefinition container) {
        return ecs.registerTaskDefinition(r -> r.family(family)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("256").memory("512")
                        .containerDefinitions(container))
                .taskDefinition().taskDefinitionArn();
    }

    /** A FARGATE service of {@code taskDefinition} on the awsvpc network; {@code more} adds or overrides. */
    static CreateServiceRequest.Builder fargateService(String cluster, String name, String taskDefinition,
            int desired) {
        return CreateServiceRequest.builder().cluster(cluster).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desired).launchType("FARGATE").networkConfiguration(network());
    }

    static Service describe(EcsClient ecs, String cluster, String service) {
        return ecs.describeServices(r -> r.cluster(cluster).services(service)).services().getFirst();
    }

    static Service awaitService(EcsClient ecs, String cluster, String service, Duration timeout, String what,
            Predicate<Service> condition) {
        return await(what).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> describe(ecs, cluster, service), condition);
    }

    static boolean completedOn(Service service, String taskDefinition, int running) {
        if (service.deployments().size() != 1) {
            return false;
        }
        Deployment only = service.deployments().getFirst();
        return "COMPLETED".equals(only.rolloutStateAsString()) && taskDefinition.equals(only.taskDefinition())
                && service.runningCount() == running && service.pendingCount() == 0;
    }

    static List<String> messages(Service service) {
        return service.events().stream().map(ServiceEvent::message).toList();
    }

    /** Every task of the service the cluster still lists, running or stopped, described. */
    static List<Task> tasks(EcsClient ecs, String cluster, String serviceName) {
        List<String> arns = new java.util.ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            arns.addAll(ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(serviceName).desiredStatus(status))
                    .taskArns().stream().toList());
        }
        List<Task> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            tasks.addAll(ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks());
        }
        return tasks;
    }

    static String taskId(String taskArn) {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** Where the service's container "web" serves its port 8080: a port on the host's loopback. */
    static int hostPort(Task task) {
        return task.containers().stream().filter(c -> "web".equals(c.name())).findFirst().orElseThrow()
                .networkBindings().stream().filter(b -> b.containerPort() == 8080).findFirst().orElseThrow().hostPort();
    }
}

package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.DEPLOYMENT_ID;
import static dev.ecsd.api.ecs.ServiceRequests.ECS_ARN;
import static dev.ecsd.api.ecs.ServiceRequests.awaitService;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.testing.SharedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The Service API through the SDK, on the simulated runtime: validation and error types, the defaults ECS
 * answers, listing, describing and deleting. Deployments are in {@link ServiceDeploymentApiIT}, the scheduler
 * on virtual time in {@link ServiceSchedulerIT}.
 */
class ServiceApiIT {
    private static final String CLUSTER = "my-cluster";
    private static final String SERVICE_ARN_PREFIX = ECS_ARN + ":service/" + CLUSTER + "/";
    @RegisterExtension
    static final SharedServer server = SharedServer.simulated();
    private final EcsClient ecs = server.ecs();
    private String webApp;

    @BeforeEach
    void wipe() {
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        webApp = registerFargate(ecs, "web-app", "busybox");
    }

    // CreateService: what ECS answers

    @Test
    void createServiceAnswersTheServiceWithEcsDefaults() {
        Instant before = Instant.now().minusSeconds(1);
        Service service = ecs.createService(fargateService(CLUSTER, "web-service", webApp, 2).build()).service();

        assertThat(service.serviceArn()).isEqualTo(SERVICE_ARN_PREFIX + "web-service");
        assertThat(service.serviceName()).isEqualTo("web-service");
        assertThat(service.clusterArn()).isEqualTo(ECS_ARN + ":cluster/" + CLUSTER);
        assertThat(service.status()).isEqualTo("ACTIVE");
        assertThat(service.desiredCount()).isEqualTo(2);
        assertThat(service.runningCount()).isZero();
        assertThat(service.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(service.platformVersion()).isEqualTo("LATEST");
        assertThat(service.taskDefinition()).isEqualTo(webApp);
        assertThat(service.deploymentConfiguration()).isEqualTo(DeploymentConfiguration.builder()
                .deploymentCircuitBreaker(b -> b.enable(false).rollback(false))
                .maximumPercent(200).minimumHealthyPercent(100).build());
        assertThat(service.hasLoadBalancers()).isTrue();
        assertThat(service.loadBalancers()).isEmpty();
        assertThat(service.hasServiceRegistries()).isTrue();
        assertThat(service.serviceRegistries()).isEmpty();
        assertThat(service.hasEvents()).isTrue();
        assertThat(service.events()).isEmpty();
        assertThat(service.hasPlacementConstraints()).isTrue();
        assertThat(service.placementConstraints()).isEmpty();
        assertThat(service.hasPlacementStrategy()).isTrue();
        assertThat(service.placementStrategy()).isEmpty();
        assertThat(service.schedulingStrategyAsString()).isEqualTo("REPLICA");
        assertThat(service.deploymentController().typeAsString()).isEqualTo("ECS");
        assertThat(service.enableECSManagedTags()).isFalse();
        assertThat(service.propagateTagsAsString()).isEqualTo("NONE");
        assertThat(service.enableExecuteCommand()).isFalse();
        assertThat(service.healthCheckGracePeriodSeconds()).isZero();
        assertThat(service.availabilityZoneRebalancingAsString()).isEqualTo("DISABLED");
        assertThat(service.roleArn())
                .isEqualTo("arn:aws:iam::000000000000:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS");
        assertThat(service.createdBy()).startsWith("arn:aws:iam::000000000000:");
        assertThat(service.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(service.networkConfiguration().awsvpcConfiguration().subnets()).containsExactly("subnet-12345678");

        assertThat(service.deployments()).hasSize(1);
        var deployment = service.deployments().getFirst();
        assertThat(deployment.id()).matches(DEPLOYMENT_ID);
        assertThat(deployment.status()).isEqualTo("PRIMARY");
        assertThat(deployment.taskDefinition()).isEqualTo(webApp);
        assertThat(deployment.desiredCount()).isEqualTo(2);
        assertThat(deployment.failedTasks()).isZero();
        assertThat(deployment.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(deployment.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
        assertThat(deployment.rolloutStateReason()).isEqualTo("ECS deployment " + deployment.id() + " in progress.");
        assertThat(deployment.createdAt()).isEqualTo(service.createdAt());
        assertThat(deployment.networkConfiguration()).isEqualTo(service.networkConfiguration());
    }

    @Test
    void theGracePeriodTagsAndTagPropagationAreKept() {
        Service service = ecs.createService(fargateService(CLUSTER, "web", webApp, 0)
                .healthCheckGracePeriodSeconds(60).propagateTags("SERVICE").enableECSManagedTags(true)
                .tags(Tag.builder().key("team").value("web").build()).build()).service();

        assertThat(service.healthCheckGracePeriodSeconds()).isEqualTo(60);
        assertThat(service.propagateTagsAsString()).isEqualTo("SERVICE");
        assertThat(service.enableECSManagedTags()).isTrue();
        Service described = ecs.describeServices(r -> r.cluster(CLUSTER).services("web").include(ServiceField.TAGS))
                .services().getFirst();
        assertThat(described.tags()).containsExactly(Tag.builder().key("team").value("web").build());
        assertThat(ServiceRequests.describe(ecs, CLUSTER, "web").tags()).as("tags only when asked for").isEmpty();
    }

    @Test
    void aServiceWithoutLaunchTypeUsesTheClusterDefaultCapacityProviderStrategy() {
        ecs.createCluster(r -> r.clusterName("spot").capacityProviders("FARGATE", "FARGATE_SPOT")
                .defaultCapacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1)));
        Service service = ecs.createService(fargateService("spot", "web", webApp, 0).launchType((String) null).build())
                .service();

        assertThat(service.launchType()).isNull();
        assertThat(service.capacityProviderStrategy()).extracting(s -> s.capacityProvider(), s -> s.weight())
                .containsExactly(tuple("FARGATE_SPOT", 1));
    }

    // CreateService: what ECS refuses

    @Test
    void createServiceRefusesWhatEcsRefuses() {
        invalid(() -> create(fargateService(CLUSTER, "bad name!", webApp, 1)),
                "Service name can have up to 255 characters");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, -1)), "desiredCount must be 0 or more.");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1)
                        .capacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1))),
                "Specifying both a launch type and capacity provider strategy is not supported.");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).networkConfiguration((
                        software.amazon.awssdk.services.ecs.model.NetworkConfiguration) null)),
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).schedulingStrategy("DAEMON")),
                "The DAEMON scheduling strategy is not supported with the Fargate launch type");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).deploymentController(c -> c.type("BLUE_GREEN"))),
                "Invalid deploymentController type 'BLUE_GREEN'");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).propagateTags("EVERYTHING")),
                "Invalid propagateTags 'EVERYTHING'");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).healthCheckGracePeriodSeconds(-1)),
                "healthCheckGracePeriodSeconds must be 0 or more.");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).role("ecsServiceRole")),
                "IAM roles are only valid for services configured to use load balancers.");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 1).placementConstraints(c -> c.type("memberOf")
                        .expression("attribute:ecs.instance-type ==== t2.micro"))),
                "Invalid cluster query expression 'attribute:ecs.instance-type ==== t2.micro'");
        assertThatThrownBy(() -> create(fargateService(CLUSTER, "web", ECS_ARN + ":task-definition/nope:1", 1)))
                .isInstanceOf(ClientException.class).hasMessageContaining("TaskDefinition not found.");
        assertThatThrownBy(() -> create(fargateService("no-such-cluster", "web", webApp, 1)))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).as("nothing was created").isEmpty();
    }

    @Test
    void deploymentConfigurationRangesAndUnsupportedOptionsAreRefusedWithAClearError() {
        invalid(() -> create(configured(c -> c.minimumHealthyPercent(101))),
                "minimumHealthyPercent must be between 0 and 100, not 101.");
        invalid(() -> create(configured(c -> c.minimumHealthyPercent(-1))),
                "minimumHealthyPercent must be between 0 and 100, not -1.");
        invalid(() -> create(configured(c -> c.maximumPercent(99))), "maximumPercent must be between 100 and 200, not 99.");
        invalid(() -> create(configured(c -> c.maximumPercent(201))),
                "maximumPercent must be between 100 and 200, not 201.");
        invalid(() -> create(configured(c -> c.strategy("BLUE_GREEN"))),
                "ecsd supports the ROLLING deployment strategy only, not BLUE_GREEN.");
        invalid(() -> create(configured(c -> c.alarms(a -> a.enable(true).rollback(true).alarmNames("high-cpu")))),
                "Deployment alarms are not supported by ecsd yet");
        invalid(() -> create(configured(c -> c.lifecycleHooks(h -> h.hookTargetArn("arn:aws:lambda:us-east-1:"
                        + "000000000000:function:check").roleArn("arn:aws:iam::000000000000:role/hooks")
                        .lifecycleStagesWithStrings("POST_SCALE_UP")))),
                "Deployment lifecycle hooks are not supported by ecsd.");
        invalid(() -> create(configured(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true)
                        .thresholdConfiguration(t -> t.type("SOMETIMES").value(1))))),
                "Invalid circuit breaker threshold type 'SOMETIMES'");
        invalid(() -> create(configured(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true)
                        .thresholdConfiguration(t -> t.type("BOUNDED_PERCENT").value(101))))),
                "Invalid circuit breaker threshold value 101 for type BOUNDED_PERCENT.");

        Service edges = create(configured(c -> c.minimumHealthyPercent(0).maximumPercent(100).strategy("ROLLING")));
        assertThat(edges.deploymentConfiguration().minimumHealthyPercent()).isZero();
        assertThat(edges.deploymentConfiguration().maximumPercent()).isEqualTo(100);
    }

    @Test
    void theCircuitBreakersNewerOptionsAreStoredAndAnswered() {
        Service service = create(configured(c -> c.deploymentCircuitBreaker(b -> b.enable(true).rollback(true)
                .resetOnHealthyTask(false).thresholdConfiguration(t -> t.type("COUNT").value(5)))));

        DeploymentCircuitBreaker breaker = ServiceRequests.describe(ecs, CLUSTER, service.serviceName())
                .deploymentConfiguration().deploymentCircuitBreaker();
        assertThat(breaker.enable()).isTrue();
        assertThat(breaker.rollback()).isTrue();
        assertThat(breaker.resetOnHealthyTask()).isFalse();
        assertThat(breaker.thresholdConfiguration().typeAsString()).isEqualTo("COUNT");
        assertThat(breaker.thresholdConfiguration().value()).isEqualTo(5);

        // Changing only the percentages keeps the breaker as it was.
        Service updated = ecs.updateService(r -> r.cluster(CLUSTER).service(service.serviceName())
                .deploymentConfiguration(c -> c.minimumHealthyPercent(50))).service();
        assertThat(updated.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(50);
        assertThat(updated.deploymentConfiguration().maximumPercent()).isEqualTo(200);
        assertThat(updated.deploymentConfiguration().deploymentCircuitBreaker()).isEqualTo(breaker);
    }

    @Test
    void aClientTokenMakesCreationIdempotentAndWithoutOneASecondCreationIsRefused() {
        Service first = create(fargateService(CLUSTER, "web", webApp, 0).clientToken("token-1"));
        Service again = create(fargateService(CLUSTER, "web", webApp, 0).clientToken("token-1"));

        assertThat(again.serviceArn()).isEqualTo(first.serviceArn());
        assertThat(again.deployments()).extracting(d -> d.id()).containsExactly(first.deployments().getFirst().id());
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 0).clientToken("token-2")),
                "Creation of service was not idempotent.");
        invalid(() -> create(fargateService(CLUSTER, "web", webApp, 0)), "Creation of service was not idempotent.");
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).containsExactly(first.serviceArn());
    }

    // ListServices

    @Test
    void listServicesPagesTenAtATimeByDefault() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(create(fargateService(CLUSTER, String.format("svc-%02d", i), webApp, 0)).serviceArn());
        }

        ListServicesResponse first = ecs.listServices(r -> r.cluster(CLUSTER));
        assertThat(first.serviceArns()).hasSize(10);
        assertThat(first.nextToken()).isNotNull();
        ListServicesResponse second = ecs.listServices(r -> r.cluster(CLUSTER).nextToken(first.nextToken()));
        assertThat(second.serviceArns()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        List<String> all = new ArrayList<>(first.serviceArns());
        all.addAll(second.serviceArns());
        assertThat(all).containsExactlyInAnyOrderElementsOf(created);
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER).maxResults(5)).serviceArns()).hasSize(5);
        assertThat(ecs.listServicesPaginator(r -> r.cluster(CLUSTER).maxResults(5)).serviceArns())
                .containsExactlyInAnyOrderElementsOf(created);
        invalid(() -> ecs.listServices(r -> r.cluster(CLUSTER).maxResults(101)), "maxResults");
        invalid(() -> ecs.listServices(r -> r.cluster(CLUSTER).nextToken("not-a-token")), "Invalid nextToken");
    }

    @Test
    void listServicesFiltersByLaunchTypeAndSchedulingStrategy() {
        ecs.createCluster(r -> r.clusterName("mixed").capacityProviders("FARGATE", "FARGATE_SPOT"));
        String fargate = create(fargateService("mixed", "on-fargate", webApp, 0)).serviceArn();
        String spot = create(fargateService("mixed", "on-spot", webApp, 0).launchType((String) null)
                .capacityProviderStrategy(s -> s.capacityProvider("FARGATE_SPOT").weight(1))).serviceArn();

        assertThat(ecs.listServices(r -> r.cluster("mixed").launchType("FARGATE")).serviceArns())
                .containsExactly(fargate);
        assertThat(ecs.listServices(r -> r.cluster("mixed").launchType("EC2")).serviceArns()).isEmpty();
        assertThat(ecs.listServices(r -> r.cluster("mixed").schedulingStrategy("REPLICA")).serviceArns())
                .containsExactlyInAnyOrder(fargate, spot);
        assertThat(ecs.listServices(r -> r.cluster("mixed").schedulingStrategy("DAEMON")).serviceArns()).isEmpty();
    }

    // DescribeServices

    @Test
    void describeServicesAnswersMissingServicesAsFailures() {
        String arn = create(fargateService(CLUSTER, "web", webApp, 0)).serviceArn();

        DescribeServicesResponse response = ecs.describeServices(r -> r.cluster(CLUSTER)
                .services("web", "ghost", SERVICE_ARN_PREFIX + "phantom"));
        assertThat(response.services()).extracting(Service::serviceArn).containsExactly(arn);
        // ECS's form: the long service ARN, with the cluster's name in it (as ECS names services since 2021)
        assertThat(response.failures()).extracting(f -> f.arn(), f -> f.reason()).containsExactly(
                tuple(SERVICE_ARN_PREFIX + "ghost", "MISSING"), tuple(SERVICE_ARN_PREFIX + "phantom", "MISSING"));
        assertThat(ecs.describeServices(r -> r.cluster(CLUSTER).services(arn)).services()).hasSize(1);
        invalid(() -> ecs.describeServices(r -> r.cluster(CLUSTER).services(List.of())), "1 to 10 services");
        invalid(() -> ecs.describeServices(r -> r.cluster(CLUSTER).services("a", "b", "c", "d", "e", "f", "g", "h",
                "i", "j", "k")), "1 to 10 services");
    }

    // DeleteService and what follows it

    @Test
    void aServiceScaledAboveZeroIsNotDeletedWithoutForce() {
        create(fargateService(CLUSTER, "web", webApp, 1));

        invalid(() -> ecs.deleteService(r -> r.cluster(CLUSTER).service("web")),
                "The service cannot be stopped while it is scaled above 0.");
        assertThat(ServiceRequests.describe(ecs, CLUSTER, "web").status()).isEqualTo("ACTIVE");
    }

    @Test
    void aDeletedServiceDrainsThenTurnsInactiveAndRefusesUpdates() {
        create(fargateService(CLUSTER, "web", webApp, 2));
        awaitService(ecs, CLUSTER, "web", Duration.ofSeconds(30), "2 running tasks", s -> s.runningCount() == 2);

        Service deleted = ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true)).service();
        assertThat(deleted.status()).isEqualTo("DRAINING");
        assertThat(deleted.desiredCount()).isZero();
        assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).as("a draining service is not listed")
                .isEmpty();
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1)))
                .isInstanceOf(ServiceNotActiveException.class).hasMessageContaining("Service was not ACTIVE.");

        Service inactive = awaitService(ecs, CLUSTER, "web", Duration.ofSeconds(30), "the service INACTIVE",
                s -> "INACTIVE".equals(s.status()));
        assertThat(inactive.runningCount()).isZero();
        assertThat(ServiceRequests.tasks(ecs, CLUSTER, "web")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo("STOPPED"));
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").desiredCount(1)))
                .isInstanceOf(ServiceNotActiveException.class).hasMessageContaining("Service was not ACTIVE.");
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster(CLUSTER).service("web")))
                .isInstanceOf(ServiceNotFoundException.class).hasMessageContaining("Service not found.");

        // The name is free again once the service is INACTIVE.
        Service recreated = create(fargateService(CLUSTER, "web", webApp, 0));
        assertThat(recreated.status()).isEqualTo("ACTIVE");
        assertThat(recreated.deployments().getFirst().id()).isNotEqualTo(deleted.deployments().getFirst().id());
    }

    @Test
    void unknownServicesAreNotFound() {
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(CLUSTER).service("ghost").desiredCount(1)))
                .isInstanceOf(ServiceNotFoundException.class).hasMessageContaining("Service not found.");
        assertThatThrownBy(() -> ecs.deleteService(r -> r.cluster(CLUSTER).service("ghost")))
                .isInstanceOf(ServiceNotFoundException.class).hasMessageContaining("Service not found.");
    }

    @Test
    void aClusterWithServicesCannotBeDeletedUntilTheyAreGone() {
        create(fargateService(CLUSTER, "web", webApp, 1));

        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster(CLUSTER)))
                .isInstanceOf(ClusterContainsServicesException.class)
                .hasMessageContaining("The Cluster cannot be deleted while Services are active.");

        ecs.deleteService(r -> r.cluster(CLUSTER).service("web").force(true));
        awaitService(ecs, CLUSTER, "web", Duration.ofSeconds(30), "the service INACTIVE",
                s -> "INACTIVE".equals(s.status()));
        assertThat(ecs.deleteCluster(r -> r.cluster(CLUSTER)).cluster().status()).isEqualTo("INACTIVE");
    }

    private Service create(CreateServiceRequest.Builder request) {
        return ecs.createService(request.build()).service();
    }

    private CreateServiceRequest.Builder configured(java.util.function.Consumer<DeploymentConfiguration.Builder> c) {
        return fargateService(CLUSTER, "configured", webApp, 0).deploymentConfiguration(c);
    }

    private static void invalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidParameterException.class).hasMessageContaining(message);
    }
}

package dev.ecsd.api.ecs;

import static dev.ecsd.api.ecs.ServiceRequests.completedOn;
import static dev.ecsd.api.ecs.ServiceRequests.fargateService;
import static dev.ecsd.api.ecs.ServiceRequests.registerFargate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * The deployment history through the SDK, on virtual time with the simulated runtime: a rollout, a failed rollout
 * the circuit breaker rolls back, StopServiceDeployment, ListServiceDeployments' filters and pages, and the revisions.
 */
class ServiceDeploymentHistoryIT {
    private static final String CLUSTER = "history";
    private static final String GOOD = "registry.example/good:1";
    private static final String GOOD_TOO = "registry.example/good:2";
    private static final String BAD = "registry.example/bad:1";
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:";
    private Scenario scenario;
    private EcsClient ecs;
    private String good;
    private String goodToo;
    private String bad;

    @BeforeEach
    void start() {
        scenario = Scenario.start();
        scenario.runtime.failPull(BAD, "pull access denied for registry.example/bad");
        ecs = scenario.ecs;
        ecs.createCluster(r -> r.clusterName(CLUSTER));
        good = registerFargate(ecs, "web", GOOD);
        goodToo = registerFargate(ecs, "web", GOOD_TOO);
        bad = registerFargate(ecs, "web", BAD);
    }

    @AfterEach
    void stop() {
        scenario.close();
    }

    @Test
    void aRolloutIsSuccessfulWithItsSourceAndTargetRevisions() {
        ecs.createService(fargateService(CLUSTER, "web", good, 2).build());
        awaitService("the first deployment completed", s -> completedOn(s, good, 2));
        ServiceDeployment first = describe(latest());
        assertThat(first.serviceDeploymentArn()).startsWith(ARN + "service-deployment/history/web/");
        assertThat(first.serviceArn()).isEqualTo(ARN + "service/history/web");
        assertThat(first.clusterArn()).isEqualTo(ARN + "cluster/history");
        assertThat(first.statusAsString()).isEqualTo("SUCCESSFUL");
        assertThat(first.sourceServiceRevisions()).isEmpty();
        assertThat(first.targetServiceRevision().requestedTaskCount()).isEqualTo(2);
        assertThat(first.targetServiceRevision().runningTaskCount()).isEqualTo(2);
        assertThat(first.targetServiceRevision().pendingTaskCount()).isZero();
        assertThat(first.finishedAt()).isAfterOrEqualTo(first.startedAt());
        assertThat(first.deploymentCircuitBreaker().statusAsString()).isEqualTo("DISABLED");
        assertThat(first.alarms().statusAsString()).isEqualTo("DISABLED");
        assertThat(first.deploymentConfiguration().maximumPercent()).isEqualTo(200);

        ServiceRevision revision = ecs.describeServiceRevisions(r -> r.serviceRevisionArns(
                first.targetServiceRevision().arn(), ARN + "service-revision/history/web/1")).serviceRevisions()
                .getFirst();
        assertThat(revision.serviceRevisionArn()).startsWith(ARN + "service-revision/history/web/").hasSize(
                (ARN + "service-revision/history/web/").length() + 19);
        assertThat(revision.taskDefinition()).isEqualTo(good);
        assertThat(revision.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(revision.platformFamily()).isEqualTo("Linux");
        assertThat(revision.containerImages()).singleElement()
                .satisfies(image -> assertThat(image.image()).isEqualTo(GOOD));
        assertThat(revision.networkConfiguration().awsvpcConfiguration().subnets()).isNotEmpty();
        assertThat(revision.guardDutyEnabled()).isFalse();
        assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(ARN + "service-revision/history/web/1"))
                .failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(goodToo));
        awaitService("the second deployment completed", s -> completedOn(s, goodToo, 2));
        ServiceDeployment second = describe(latest());
        assertThat(second.serviceDeploymentArn()).isNotEqualTo(first.serviceDeploymentArn());
        assertThat(second.statusAsString()).isEqualTo("SUCCESSFUL");
        assertThat(second.sourceServiceRevisions()).singleElement()
                .satisfies(source -> assertThat(source.arn()).isEqualTo(first.targetServiceRevision().arn()));
        assertThat(ecs.describeServiceRevisions(r -> r.serviceRevisionArns(second.targetServiceRevision().arn()))
                .serviceRevisions().getFirst().taskDefinition()).isEqualTo(goodToo);
    }

    @Test
    void theCircuitBreakersRollbackIsRollbackSuccessfulWithItsReasonAndBreaker() {
        ecs.createService(fargateService(CLUSTER, "web", good, 2).deploymentConfiguration(c -> c
                .deploymentCircuitBreaker(b -> b.enable(true).rollback(true))).build());
        awaitService("the first deployment completed", s -> completedOn(s, good, 2));
        String completedRevision = describe(latest()).targetServiceRevision().arn();

        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(bad));
        String failing = latest();
        ServiceDeployment rolledBack = awaitDeployment(failing, "the rollback succeeded",
                d -> "ROLLBACK_SUCCESSFUL".equals(d.statusAsString()));
        assertThat(rolledBack.statusReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(rolledBack.rollback().serviceRevisionArn()).isEqualTo(completedRevision);
        assertThat(rolledBack.rollback().reason()).startsWith("ECS deployment circuit breaker: rolling back to");
        assertThat(rolledBack.rollback().startedAt()).isNotNull();
        assertThat(rolledBack.deploymentCircuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
        assertThat(rolledBack.deploymentCircuitBreaker().failureCount()).isGreaterThanOrEqualTo(3);
        assertThat(rolledBack.deploymentCircuitBreaker().threshold()).isEqualTo(3);
        assertThat(rolledBack.finishedAt()).isNotNull();
        assertThat(rolledBack.sourceServiceRevisions()).extracting(s -> s.arn()).containsExactly(completedRevision);
        assertThat(listStatuses()).containsExactly("ROLLBACK_SUCCESSFUL", "SUCCESSFUL");
    }

    @Test
    void stopServiceDeploymentRollsBackAndRefusesWhatIsNotInProgress() {
        ecs.createService(fargateService(CLUSTER, "web", good, 2).build());
        awaitService("the first deployment completed", s -> completedOn(s, good, 2));
        String completed = latest();
        // without a circuit breaker the bad deployment stays in progress, its launches throttled
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(bad));
        String stuck = latest();
        scenario.advance(Duration.ofSeconds(30));
        assertThat(describe(stuck).statusAsString()).isEqualTo("IN_PROGRESS");

        assertThat(ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(stuck)).serviceDeploymentArn())
                .isEqualTo(stuck);
        ServiceDeployment stopping = describe(stuck);
        assertThat(stopping.statusAsString()).isEqualTo("ROLLBACK_IN_PROGRESS");
        assertThat(stopping.rollback().serviceRevisionArn())
                .isEqualTo(describe(completed).targetServiceRevision().arn());
        assertThat(ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(stuck)).serviceDeploymentArn())
                .as("a rollback under way continues").isEqualTo(stuck);

        awaitDeployment(stuck, "the rollback succeeded", d -> "ROLLBACK_SUCCESSFUL".equals(d.statusAsString()));
        awaitService("the service runs its good revision again", s -> completedOn(s, good, 2));
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(stuck)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(completed)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(
                ARN + "service-deployment/history/web/nope"))).isInstanceOf(ServiceDeploymentNotFoundException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(stuck).stopType("SIDEWAYS")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void stopServiceDeploymentAbortLeavesTheDeploymentWhereItIs() {
        ecs.createService(fargateService(CLUSTER, "web", good, 2).build());
        awaitService("the first deployment completed", s -> completedOn(s, good, 2));
        ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(bad));
        String stuck = latest();
        ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(stuck).stopType("ABORT"));
        ServiceDeployment stopped = describe(stuck);
        assertThat(stopped.statusAsString()).isEqualTo("STOPPED");
        assertThat(stopped.stoppedAt()).isNotNull();
        Service service = ServiceRequests.describe(ecs, CLUSTER, "web");
        assertThat(service.deployments().getFirst().rolloutStateAsString()).isEqualTo("FAILED");
        assertThat(service.runningCount()).isEqualTo(2);
    }

    @Test
    void listServiceDeploymentsFiltersAndPagesNewestFirst() {
        ecs.createService(fargateService(CLUSTER, "web", good, 1).build());
        awaitService("the first deployment completed", s -> completedOn(s, good, 1));
        Instant afterFirst = scenario.now().plusMillis(500);
        for (int i = 0; i < 4; i++) {
            // time passes but the scheduler does not run: each deployment is still in progress when the next comes
            scenario.clock.advance(Duration.ofSeconds(1));
            ecs.updateService(r -> r.cluster(CLUSTER).service("web").forceNewDeployment(true));
        }
        awaitService("the last deployment completed", s -> completedOn(s, good, 1));
        List<String> all = list(b -> b).serviceDeployments().stream().map(ServiceDeploymentBrief::statusAsString)
                .toList();
        assertThat(all).containsExactly("SUCCESSFUL", "STOPPED", "STOPPED", "STOPPED", "SUCCESSFUL");

        ListServiceDeploymentsResponse page1 = list(b -> b.maxResults(2));
        ListServiceDeploymentsResponse page2 = list(b -> b.maxResults(2).nextToken(page1.nextToken()));
        ListServiceDeploymentsResponse page3 = list(b -> b.maxResults(2).nextToken(page2.nextToken()));
        assertThat(page1.serviceDeployments()).hasSize(2);
        assertThat(page2.serviceDeployments()).hasSize(2);
        assertThat(page3.serviceDeployments()).hasSize(1);
        assertThat(page3.nextToken()).isNull();
        assertThat(page1.serviceDeployments().getFirst().createdAt())
                .isAfter(page3.serviceDeployments().getFirst().createdAt());

        assertThat(list(b -> b.statusWithStrings("STOPPED")).serviceDeployments()).hasSize(3);
        assertThat(list(b -> b.statusWithStrings("STOPPED", "SUCCESSFUL")).serviceDeployments()).hasSize(5);
        assertThat(list(b -> b.createdAt(c -> c.after(afterFirst))).serviceDeployments()).hasSize(4);
        assertThat(list(b -> b.createdAt(c -> c.before(afterFirst))).serviceDeployments()).hasSize(1);

        assertThatThrownBy(() -> list(b -> b.maxResults(101))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> list(b -> b.statusWithStrings("FINISHED")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service("nope")))
                .isInstanceOf(ServiceNotFoundException.class);
        assertThat(ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(ARN
                + "service-deployment/history/web/nope")).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    }

    private ListServiceDeploymentsResponse list(UnaryOperator<ListServiceDeploymentsRequest.Builder> more) {
        return ecs.listServiceDeployments(more.apply(ListServiceDeploymentsRequest.builder()
                .cluster(CLUSTER).service("web")).build());
    }

    private List<String> listStatuses() {
        return list(b -> b).serviceDeployments().stream().map(ServiceDeploymentBrief::statusAsString).toList();
    }

    /** The newest service deployment's ARN. */
    private String latest() {
        return list(b -> b).serviceDeployments().getFirst().serviceDeploymentArn();
    }

    private ServiceDeployment describe(String arn) {
        return ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(arn)).serviceDeployments().getFirst();
    }

    private ServiceDeployment awaitDeployment(String arn, String what, Predicate<ServiceDeployment> condition) {
        return scenario.await(what, () -> {
            scenario.advance(Duration.ofSeconds(15));
            return describe(arn);
        }, condition);
    }

    private Service awaitService(String what, Predicate<Service> condition) {
        return scenario.await(what, () -> {
            scenario.advance(Duration.ofSeconds(15));
            return ServiceRequests.describe(ecs, CLUSTER, "web");
        }, condition);
    }
}

package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.TD2;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.LoadBalancer;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What a command does to a service: above all, whether a new deployment starts. Pure, no store. */
class ServiceCommandsTest {
    private static final Instant NOW = T0.plusSeconds(600);
    private final AtomicInteger issued = new AtomicInteger();
    private final Supplier<String> ids = () -> "ecs-svc/new-" + issued.incrementAndGet();
    private final Service steady = service(2, ServiceFixtures.configuration(100, 200),
            List.of(deployment("ecs-svc/1", DeploymentStatus.PRIMARY, TD1, 2, RolloutState.COMPLETED)));

    @Test
    void creatingAServiceStartsItsFirstDeploymentFromItsSpec() {
        Service created = ServiceCommands.decide(null, new ServiceCommand.Create(steady.toBuilder()
                .deployments(null).events(null).build()), NOW, ids);
        Deployment first = created.deployments().getFirst();
        assertThat(created.deployments()).hasSize(1);
        assertThat(first.id()).isEqualTo("ecs-svc/new-1");
        assertThat(first.status()).isEqualTo(DeploymentStatus.PRIMARY);
        assertThat(first.taskDefinition()).isEqualTo(TD1);
        assertThat(first.desiredCount()).isEqualTo(2);
        assertThat(first.rolloutState()).isEqualTo(RolloutState.IN_PROGRESS);
        assertThat(created.events()).isEmpty();
    }

    @Test
    void aServiceDeployedThroughTaskSetsRefusesAForcedDeploymentWithEcssMessage() {
        // the console's "force new deployment" submits this command; UpdateService refuses it before it gets here
        Service external = steady.toBuilder().deploymentController(Service.EXTERNAL).deployments(List.of())
                .taskSets(List.of()).build();
        assertThatThrownBy(() -> ServiceCommands.decide(external, update(null, null, null, true), NOW, ids))
                .isInstanceOf(ApiException.class)
                .hasMessage("Cannot force a new deployment on services with a EXTERNAL deployment controller. "
                        + "Create a new task set instead (CreateTaskSet).");
    }

    @Test
    void aNewRevisionStartsADeploymentDemotesThePrimaryAndLiftsTheThrottle() {
        Service throttled = steady.toBuilder().consecutiveStartFailures(4).throttledUntil(NOW.plusSeconds(30))
                .raisedWarnings(Set.of("throttled", "stuck")).lastSteadyStateAt(T0).build();
        Service updated = ServiceCommands.decide(throttled, update(TD2, null, null, false), NOW, ids);
        assertThat(updated.deployments()).extracting(Deployment::id, Deployment::status).containsExactly(
                tuple("ecs-svc/new-1", DeploymentStatus.PRIMARY),
                tuple("ecs-svc/1", DeploymentStatus.ACTIVE));
        assertThat(updated.taskDefinition()).isEqualTo(TD2);
        assertThat(updated.consecutiveStartFailures()).isZero();
        assertThat(updated.throttledUntil()).isNull();
        assertThat(updated.raisedWarnings()).containsExactly("stuck");
        assertThat(updated.lastSteadyStateAt()).isNull();
    }

    @Test
    void onlyChangesOfWhatTasksAreMadeOfStartADeployment() {
        assertThat(ServiceCommands.decide(steady, update(TD1, 5, null, false), NOW, ids).deployments())
                .as("the same revision and a new count: no deployment").hasSize(1);
        assertThat(issued).as("no deployment id was spent").hasValue(0);
        assertThat(ServiceCommands.decide(steady, update(null, null, null, true), NOW, ids).deployments())
                .as("forced").hasSize(2);
        NetworkConfiguration other = new NetworkConfiguration(
                new NetworkConfiguration.AwsVpcConfiguration(List.of("subnet-9"), null, null));
        assertThat(ServiceCommands.decide(steady, update(null, null, other, false), NOW, ids).deployments())
                .as("a new network").hasSize(2);
        Service withStrategy = ServiceCommands.decide(steady, new ServiceCommand.Update(steady.serviceArn(), null, null,
                null, List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)), null, null, null, null, null,
                null, null, null, null, null, false), NOW, ids);
        assertThat(withStrategy.deployments()).as("a new capacity provider strategy").hasSize(2);
        assertThat(withStrategy.launchType()).as("a strategy replaces the launch type").isNull();
        Service withBalancer = ServiceCommands.decide(steady, new ServiceCommand.Update(steady.serviceArn(), null, null,
                null, null, null, List.of(new LoadBalancer("arn:tg", null, "web", 80)), null, null, null, null, null,
                null, null, null, false), NOW, ids);
        assertThat(withBalancer.deployments()).as("a load balancer").hasSize(2);
    }

    @Test
    void settingTheDesiredCountChangesNothingElseAndDeletingDrainsToZero() {
        Service scaled = ServiceCommands.decide(steady, new ServiceCommand.SetDesiredCount(steady.serviceArn(), 7),
                NOW, ids);
        assertThat(scaled).isEqualTo(steady.toBuilder().desiredCount(7).build());
        Service deleted = ServiceCommands.decide(steady, new ServiceCommand.Delete(steady.serviceArn()), NOW, ids);
        assertThat(deleted.status()).isEqualTo(ServiceStatus.DRAINING);
        assertThat(deleted.desiredCount()).isZero();
        assertThat(deleted.deployments()).isEqualTo(steady.deployments());
    }

    private ServiceCommand.Update update(String taskDefinition, Integer desired, NetworkConfiguration network,
            boolean force) {
        return new ServiceCommand.Update(steady.serviceArn(), desired, taskDefinition, network, null, null, null, null,
                null, null, null, null, null, null, null, force);
    }
}

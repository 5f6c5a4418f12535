package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.T0;
import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ClusterStatus;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.NetworkConfiguration;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UpdateService's checks of an update that changes no launch setting, which the console's scale and
 * force-new-deployment make too; and ECS's refusals of a cluster or service that is not ACTIVE.
 */
class ServiceLaunchChecksTest {
    private static final Cluster CLUSTER = new Cluster(ServiceFixtures.CLUSTER, "c", ClusterStatus.ACTIVE, List.of(),
            null, List.of("FARGATE", "FARGATE_SPOT"), List.of(), null, List.of(), T0);
    private static final NetworkConfiguration NETWORK = new NetworkConfiguration(
            new NetworkConfiguration.AwsVpcConfiguration(List.of("subnet-1"), List.of("sg-1"), "DISABLED"));

    private final StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer());
    private final Service service = service(2, ServiceFixtures.configuration(100, 200),
            List.of(deployment("ecs-svc/1", DeploymentStatus.PRIMARY, TD1, 2, RolloutState.COMPLETED)))
            .toBuilder().networkConfiguration(NETWORK).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aServiceWhoseSettingsStillHoldPasses() {
        store.write(tx -> tx.put(Kind.TASK_DEFINITION, ServiceFixtures.definition(TD1, null)));
        assertThatCode(() -> ServiceLaunchChecks.checkUnchanged(store.snapshot(), CLUSTER, service))
                .doesNotThrowAnyException();
    }

    @Test
    void aServiceWhoseTaskDefinitionIsGoneIsRefusedAsUpdateServiceRefusesIt() {
        assertThatThrownBy(() -> ServiceLaunchChecks.checkUnchanged(Snapshot.empty(), CLUSTER, service))
                .isInstanceOf(ApiException.class).hasMessage("TaskDefinition not found.");
    }

    @Test
    void aCapacityProviderTheClusterNoLongerHasIsRefused() {
        store.write(tx -> tx.put(Kind.TASK_DEFINITION, ServiceFixtures.definition(TD1, null)));
        Service onSpot = service.toBuilder().launchType(null)
                .capacityProviderStrategy(List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0))).build();
        Cluster fargateOnly = new Cluster(CLUSTER.clusterArn(), "c", ClusterStatus.ACTIVE, List.of(), null,
                List.of("FARGATE"), List.of(), null, List.of(), T0);

        assertThatCode(() -> ServiceLaunchChecks.checkUnchanged(store.snapshot(), CLUSTER, onSpot))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ServiceLaunchChecks.checkUnchanged(store.snapshot(), fargateOnly, onSpot))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aServiceDeployedThroughTaskSetsIsNotChecked() {
        Service external = service.toBuilder().deploymentController(Service.EXTERNAL).build();
        assertThatCode(() -> ServiceLaunchChecks.checkUnchanged(Snapshot.empty(), CLUSTER, external))
                .doesNotThrowAnyException();
    }

    @Test
    void aClusterOrServiceThatIsNotActiveIsRefusedWithEcssExceptions() {
        assertThatThrownBy(() -> ActiveResources.cluster(null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.CLUSTER_NOT_FOUND));
        assertThatThrownBy(() -> ActiveResources.service(service.toBuilder().status(ServiceStatus.DRAINING).build()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type())
                        .isEqualTo(ErrorType.SERVICE_NOT_ACTIVE))
                .hasMessage("Service was not ACTIVE.");
        assertThatThrownBy(() -> ActiveResources.service(null)).hasMessage("Service not found.");
    }
}

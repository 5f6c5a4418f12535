package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.configuration;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceDeploymentStatus;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceHistorySweepTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(91));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(89));
    private static final String RUNNING = "ecs-svc/1000000000000000001";
    private static final String OLD_FINISHED = "ecs-svc/1000000000000000002";
    private static final String OLD_ONGOING = "ecs-svc/1000000000000000003";
    private static final String RECENT_FINISHED = "ecs-svc/1000000000000000004";

    @Test
    void keepsNinetyDaysOngoingDeploymentsAndRunningRevisionsAndDropsADeletedServicesHistory() {
        StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer(NOW));
        Service web = service(1, configuration(100, 200),
                List.of(deployment(RUNNING, DeploymentStatus.PRIMARY, TD1, 1, RolloutState.COMPLETED)));
        Service gone = web.toBuilder().serviceArn(web.serviceArn() + "-gone").serviceName("web-gone")
                .status(ServiceStatus.INACTIVE).build();
        store.write(tx -> {
            tx.put(Kind.SERVICE, web);
            tx.put(Kind.SERVICE, gone);
            tx.put(Kind.SERVICE_DEPLOYMENT, record(web, RUNNING, OLD, ServiceDeploymentStatus.SUCCESSFUL));
            tx.put(Kind.SERVICE_DEPLOYMENT, record(web, OLD_FINISHED, OLD, ServiceDeploymentStatus.STOPPED));
            tx.put(Kind.SERVICE_DEPLOYMENT, record(web, OLD_ONGOING, OLD, ServiceDeploymentStatus.IN_PROGRESS));
            tx.put(Kind.SERVICE_DEPLOYMENT, record(web, RECENT_FINISHED, RECENT, ServiceDeploymentStatus.SUCCESSFUL));
            tx.put(Kind.SERVICE_DEPLOYMENT, record(gone, RECENT_FINISHED, RECENT, ServiceDeploymentStatus.SUCCESSFUL));
            tx.put(Kind.SERVICE_REVISION, revision(web, RUNNING, OLD));
            tx.put(Kind.SERVICE_REVISION, revision(web, OLD_FINISHED, OLD));
            tx.put(Kind.SERVICE_REVISION, revision(web, OLD_ONGOING, OLD));
            tx.put(Kind.SERVICE_REVISION, revision(web, RECENT_FINISHED, RECENT));
            tx.put(Kind.SERVICE_REVISION, revision(gone, RECENT_FINISHED, RECENT));
            return null;
        });

        assertThat(ServiceHistorySweep.prune(store)).isEqualTo(5);

        assertThat(store.snapshot().all(Kind.SERVICE_DEPLOYMENT).map(ServiceDeployment::deploymentId))
                .containsExactlyInAnyOrder(OLD_ONGOING, RECENT_FINISHED);
        assertThat(store.snapshot().all(Kind.SERVICE_DEPLOYMENT))
                .allMatch(d -> d.serviceArn().equals(web.serviceArn()));
        assertThat(store.snapshot().all(Kind.SERVICE_REVISION).map(ServiceRevision::serviceRevisionArn))
                .containsExactlyInAnyOrder(ServiceRevision.arnOf(web.serviceArn(), RUNNING),
                        ServiceRevision.arnOf(web.serviceArn(), OLD_ONGOING),
                        ServiceRevision.arnOf(web.serviceArn(), RECENT_FINISHED));
        assertThat(ServiceHistorySweep.prune(store)).isZero();
    }

    private static ServiceDeployment record(Service service, String deploymentId, Instant createdAt,
            ServiceDeploymentStatus status) {
        return new ServiceDeployment(ServiceDeployment.arnOf(service.serviceArn(), deploymentId),
                service.serviceArn(), service.clusterArn(), deploymentId, createdAt, createdAt, null, null, createdAt,
                List.of(), new ServiceDeployment.RevisionCounts(ServiceRevision.arnOf(service.serviceArn(),
                        deploymentId), 1, 1, 0), status, null, null, null, null, ServiceDeployment.Alarms.DISABLED);
    }

    private static ServiceRevision revision(Service service, String deploymentId, Instant createdAt) {
        return new ServiceRevision(ServiceRevision.arnOf(service.serviceArn(), deploymentId), service.serviceArn(),
                service.clusterArn(), TD1, List.of(), "FARGATE", "LATEST", "Linux", List.of(), List.of(), null,
                List.of(), createdAt);
    }
}

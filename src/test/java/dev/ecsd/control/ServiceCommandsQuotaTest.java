package dev.ecsd.control;

import static dev.ecsd.control.ServiceFixtures.TD1;
import static dev.ecsd.control.ServiceFixtures.deployment;
import static dev.ecsd.control.ServiceFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import dev.ecsd.testing.VirtualTimer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every command that sets a desired count, whoever submits it, stays within the tasks-per-service quota. */
class ServiceCommandsQuotaTest {
    private final StateStore store = StateStore.open(new MemoryBackend(), new VirtualTimer());
    private final ServiceCommands commands = new ServiceCommands(store, () -> 7L, new EcsQuotas(3, 2, 5, 4, 6));
    private final Service steady = service(2, ServiceFixtures.configuration(100, 200),
            List.of(deployment("ecs-svc/1", DeploymentStatus.PRIMARY, TD1, 2, RolloutState.COMPLETED)));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void setDesiredCountAboveTheQuotaIsRefusedAndChangesNothing() {
        store.write(tx -> tx.put(Kind.SERVICE, steady));

        assertThatThrownBy(() -> commands.submit(new ServiceCommand.SetDesiredCount(steady.serviceArn(), 6)))
                .isInstanceOf(ApiException.class).hasMessage("Desired count exceeds limit.");
        assertThat(store.snapshot().find(Kind.SERVICE, steady.serviceArn()).orElseThrow().desiredCount()).isEqualTo(2);

        assertThat(commands.submit(new ServiceCommand.SetDesiredCount(steady.serviceArn(), 5)).desiredCount())
                .isEqualTo(5);
    }

    @Test
    void createAndUpdateAreHeldToTheQuotaToo() {
        assertThatThrownBy(() -> commands.submit(new ServiceCommand.Create(steady.toBuilder().desiredCount(6)
                .deployments(null).build()))).hasMessage("Desired count exceeds limit.");
        assertThat(store.snapshot().find(Kind.SERVICE, steady.serviceArn())).isEmpty();

        store.write(tx -> tx.put(Kind.SERVICE, steady));
        assertThatThrownBy(() -> commands.submit(new ServiceCommand.Update(steady.serviceArn(), Integer.MAX_VALUE,
                null, null, null, null, null, null, null, null, null, null, null, null, null, false)))
                .hasMessage("Desired count exceeds limit.");
        assertThat(commands.submit(new ServiceCommand.Delete(steady.serviceArn())).desiredCount()).isZero();
    }

    @Test
    void aNegativeDesiredCountIsRefusedWithTheApisMessageWhoeverSubmitsIt() {
        store.write(tx -> tx.put(Kind.SERVICE, steady));

        // the console submits SetDesiredCount; UpdateService checks the same rule before it reads the state
        assertThatThrownBy(() -> commands.submit(new ServiceCommand.SetDesiredCount(steady.serviceArn(), -1)))
                .isInstanceOf(ApiException.class).hasMessage("desiredCount must be 0 or more.");
        assertThatThrownBy(() -> commands.checkDesiredCount(-1)).hasMessage("desiredCount must be 0 or more.");
        assertThatThrownBy(() -> commands.checkDesiredCount(6)).hasMessage("Desired count exceeds limit.");
        assertThat(store.snapshot().find(Kind.SERVICE, steady.serviceArn()).orElseThrow().desiredCount()).isEqualTo(2);
    }
}

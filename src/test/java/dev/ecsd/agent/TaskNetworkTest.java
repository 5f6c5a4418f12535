package dev.ecsd.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.NetworkBinding;
import dev.ecsd.model.PortMapping;
import dev.ecsd.model.TaskDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which containers' bindings the definition alone says, so that their start needs no look at the engine. */
class TaskNetworkTest {
    @Test
    void bridgePortsAtFixedHostPortsAreKnownOnLoopback() {
        TaskDefinition definition = definition("bridge", port(80, 8080, null), port(53, 5353, "udp"));

        assertThat(TaskNetwork.knownBindings(definition, "web")).contains(List.of(
                new NetworkBinding("127.0.0.1", 80, 8080, "tcp"), new NetworkBinding("127.0.0.1", 53, 5353, "udp")));
    }

    @Test
    void aBridgePortWhoseHostPortTheEnginePicksNeedsALook() {
        assertThat(TaskNetwork.knownBindings(definition("bridge", port(80, 8080, null), port(81, 0, null)), "web"))
                .isEmpty();
        assertThat(TaskNetwork.knownBindings(definition("bridge", port(80, null, null)), "web")).isEmpty();
    }

    @Test
    void aContainerWithoutPortsHasNoBindingsToLookFor() {
        assertThat(TaskNetwork.knownBindings(definition("bridge"), "web")).contains(List.of());
        assertThat(TaskNetwork.knownBindings(definition(null), "web")).contains(List.of());
        assertThat(TaskNetwork.knownBindings(definition("none", port(80, null, null)), "web")).contains(List.of());
    }

    @Test
    void hostModePortsAreTheHostsOwn() {
        assertThat(TaskNetwork.knownBindings(definition("host", port(80, null, null)), "web"))
                .contains(List.of(new NetworkBinding("0.0.0.0", 80, 80, "tcp")));
    }

    @Test
    void anAwsvpcContainerNeedsALookForItsNetworksAddress() {
        assertThat(TaskNetwork.knownBindings(definition("awsvpc"), "web")).isEmpty();
        assertThat(TaskNetwork.knownBindings(definition("awsvpc", port(80, 80, null)), "web")).isEmpty();
    }

    @Test
    void aPortRangeIsNotPublishedOneByOneSoItIsNoBinding() {
        PortMapping range = new PortMapping(null, null, "tcp", null, "8000-8010", Map.of());

        assertThat(TaskNetwork.knownBindings(definition("bridge", range, port(80, 8080, null)), "web"))
                .contains(List.of(new NetworkBinding("127.0.0.1", 80, 8080, "tcp")));
    }

    private static PortMapping port(int containerPort, Integer hostPort, String protocol) {
        return new PortMapping(containerPort, hostPort, protocol, null, null, Map.of());
    }

    private static TaskDefinition definition(String networkMode, PortMapping... ports) {
        ContainerDefinition web = Fixtures.container("web").withRegistrationDefaults(Arrays.asList(ports));
        return Fixtures.definition(networkMode, web);
    }
}

package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.Arns;
import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.state.Kind;
import dev.ecsd.state.MemoryBackend;
import dev.ecsd.state.StateStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;

/** CreateListener and ModifyListener ask the data plane whether it can serve a port before they store it. */
class ListenerPortsTest {
    private static final int TAKEN = 8080;
    private final StateStore store = StateStore.open(new MemoryBackend(), InstantSource.system());
    private final ElbResources resources = new ElbResources(new Arns("us-east-1", "000000000000"), new Random(7));
    private final ListenerPorts ports = (loadBalancer, port) -> {
        if (port == TAKEN) {
            throw ElbErrors.validation("Port " + port + " of " + loadBalancer.name() + " cannot be bound");
        }
    };
    private final ListenerOperations listeners = new ListenerOperations(store, resources, ports);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPortThePlaneCannotServeIsRefusedAndNothingIsStored() {
        String lb = new LoadBalancerOperations(store, resources, new ElbMapper(resources)).createLoadBalancer(
                CreateLoadBalancerRequest.builder().name("web").subnets("subnet-1", "subnet-2").build())
                .loadBalancers().getFirst().loadBalancerArn();
        assertThat(store.snapshot().find(Kind.LOAD_BALANCER, lb)).map(ElbLoadBalancer::name).contains("web");

        assertThatThrownBy(() -> listeners.createListener(listener(lb, TAKEN)))
                .hasMessage("Port 8080 of web cannot be bound");
        assertThat(store.snapshot().count(Kind.LISTENER)).isZero();

        String listener = listeners.createListener(listener(lb, 8081)).listeners().getFirst().listenerArn();
        assertThatThrownBy(() -> listeners.modifyListener(ModifyListenerRequest.builder().listenerArn(listener)
                .port(TAKEN).build())).hasMessage("Port 8080 of web cannot be bound");
        assertThat(store.snapshot().find(Kind.LISTENER, listener).orElseThrow().port()).isEqualTo(8081);
    }

    private static CreateListenerRequest listener(String lb, int port) {
        return CreateListenerRequest.builder().loadBalancerArn(lb).protocol("HTTP").port(port)
                .defaultActions(List.of(ElbFixtures.fixedResponse("200"))).build();
    }
}

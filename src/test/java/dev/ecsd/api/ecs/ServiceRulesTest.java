package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;

/** ECS's checks of a service's role, against the pure rules. */
class ServiceRulesTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/ecsServiceRole";

    @Test
    void aRoleWithoutLoadBalancersIsRefusedWithEcsMessage() {
        assertThatThrownBy(() -> ServiceRules.checkRole(ROLE, List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER);
                    assertThat(e.getMessage())
                            .isEqualTo("IAM roles are only valid for services configured to use load balancers.");
                });
    }

    @Test
    void aRoleWithLoadBalancersOrNoRoleAtAllPasses() {
        LoadBalancer balancer = LoadBalancer.builder().targetGroupArn("arn:tg").containerName("web").containerPort(80)
                .build();
        assertThatCode(() -> ServiceRules.checkRole(ROLE, List.of(balancer))).doesNotThrowAnyException();
        assertThatCode(() -> ServiceRules.checkRole(null, List.of())).doesNotThrowAnyException();
    }
}

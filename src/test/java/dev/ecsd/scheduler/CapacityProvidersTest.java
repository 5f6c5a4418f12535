package dev.ecsd.scheduler;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.CapacityProviderStrategyItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityProvidersTest {
    private static final List<String> BOTH = List.of("FARGATE", "FARGATE_SPOT");
    private static final List<CapacityProviderStrategyItem> ALL_ZERO = List.of(
            new CapacityProviderStrategyItem("FARGATE", 0, null), new CapacityProviderStrategyItem("FARGATE_SPOT", null, 0));

    @Test
    void aDefaultStrategyMayHaveOnlyZeroWeights() {
        assertThatCode(() -> CapacityProviders.validateDefaultStrategy(ALL_ZERO, BOTH)).doesNotThrowAnyException();
    }

    @Test
    void aServiceOrTaskStrategyNeedsAWeightAboveZero() {
        assertThatThrownBy(() -> CapacityProviders.validateStrategy(ALL_ZERO, BOTH))
                .isInstanceOf(ApiException.class).hasMessageContaining("weight greater than zero");
        assertThatCode(() -> CapacityProviders.validateStrategy(
                List.of(new CapacityProviderStrategyItem("FARGATE", 0, 2), new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)),
                null)).doesNotThrowAnyException();
    }

    @Test
    void fallingBackOnAnAllZeroDefaultStrategyIsRefusedWithEcsMessage() {
        assertThatThrownBy(() -> CapacityProviders.requireUsableDefault(ALL_ZERO))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("There are no capacity providers with a weight value greater than zero defined in "
                        + "the default capacity provider strategy.");
        assertThatCode(() -> CapacityProviders.requireUsableDefault(List.of())).doesNotThrowAnyException();
        assertThatCode(() -> CapacityProviders.requireUsableDefault(
                List.of(new CapacityProviderStrategyItem("FARGATE", 1, 0)))).doesNotThrowAnyException();
    }

    @Test
    void theOtherRulesHoldForBothKindsOfStrategy() {
        List<CapacityProviderStrategyItem> twoBases = List.of(new CapacityProviderStrategyItem("FARGATE", 1, 1),
                new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 1));
        List<CapacityProviderStrategyItem> unknown = List.of(new CapacityProviderStrategyItem("ASG", 1, 0));

        assertThatThrownBy(() -> CapacityProviders.validateDefaultStrategy(twoBases, BOTH)).hasMessageContaining("base");
        assertThatThrownBy(() -> CapacityProviders.validateStrategy(twoBases, BOTH)).hasMessageContaining("base");
        assertThatThrownBy(() -> CapacityProviders.validateStrategy(unknown, null)).hasMessageContaining("ASG");
        assertThatThrownBy(() -> CapacityProviders.validateDefaultStrategy(unknown, BOTH))
                .hasMessageContaining("not associated with the cluster");
    }
}

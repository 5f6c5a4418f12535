package dev.ecsd.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EcsQuotasTest {
    private final EcsQuotas small = new EcsQuotas(3, 2, 5, 4, 6);

    @Test
    void ecsDefaultsAreTheDocumentedOnes() {
        assertThat(EcsQuotas.ECS).isEqualTo(new EcsQuotas(10_000, 5_000, 5_000, 5_000, 1_000_000));
        assertThat(EcsQuotas.TAGS_PER_RESOURCE).isEqualTo(50);
        assertThat(EcsQuotas.CONTAINERS_PER_TASK_DEFINITION).isEqualTo(10);
        assertThat(EcsQuotas.TASKS_PER_RUN_TASK).isEqualTo(10);
        assertThat(EcsQuotas.names()).containsExactly("clusters", "services-per-cluster", "tasks-per-service",
                "standalone-tasks-per-cluster", "revisions-per-family");
    }

    @Test
    void aDesiredCountUpToTheQuotaPassesAndAboveItIsEcsError() {
        assertThatCode(() -> small.checkDesiredCount(5)).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkDesiredCount(6)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER);
            assertThat(e.getMessage()).isEqualTo("Desired count exceeds limit.");
        });
        assertThatThrownBy(() -> EcsQuotas.ECS.checkDesiredCount(Integer.MAX_VALUE))
                .hasMessage("Desired count exceeds limit.");
    }

    @Test
    void aNewClusterOrServiceIsRefusedOnceTheExistingOnesReachTheQuota() {
        assertThatCode(() -> small.checkNewCluster(2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkNewCluster(3)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.LIMIT_EXCEEDED);
            assertThat(e.getMessage()).contains("quota of 3").contains("Clusters per account");
        });
        assertThatCode(() -> small.checkNewService(1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkNewService(2)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("quota of 2 services"));
    }

    @Test
    void standaloneTasksCountWhatIsRunningPlusWhatIsLaunched() {
        assertThatCode(() -> small.checkStandaloneTasks(1, 3)).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkStandaloneTasks(2, 3)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("has 2 unstopped tasks").contains("3 more")
                        .contains("quota of 4"));
        assertThatThrownBy(() -> small.checkStandaloneTasks(Integer.MAX_VALUE, 10))
                .as("no overflow").isInstanceOf(ApiException.class);
    }

    @Test
    void aRevisionBeyondTheQuotaIsRefusedNamingTheFamilyShortly() {
        assertThatCode(() -> small.checkRevision("web", 6)).doesNotThrowAnyException();
        assertThatThrownBy(() -> small.checkRevision("w".repeat(300), 7)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("(300 characters)").contains("quota of 6 revisions")
                        .hasSizeLessThan(300));
    }

    @Test
    void settingsApplyInOrderOverTheDefaults() {
        EcsQuotas quotas = EcsQuotas.ECS.with(List.of("clusters=3", " tasks-per-service = 7 ", "clusters=4"));

        assertThat(quotas).isEqualTo(new EcsQuotas(4, 5_000, 7, 5_000, 1_000_000));
        assertThat(EcsQuotas.ECS.with(List.of())).isEqualTo(EcsQuotas.ECS);
    }

    @Test
    void aSettingWithAnUnknownNameOrABadValueIsRefusedSayingWhy() {
        assertThatThrownBy(() -> EcsQuotas.ECS.with(List.of("tasks=3")))
                .hasMessageContaining("'tasks=3' is not name=value").hasMessageContaining("tasks-per-service");
        assertThatThrownBy(() -> EcsQuotas.ECS.with(List.of("clusters")))
                .hasMessageContaining("'clusters' is not name=value");
        assertThatThrownBy(() -> EcsQuotas.ECS.with(List.of("clusters=-1")))
                .hasMessageContaining("clusters is a whole number from 0").hasMessageContaining("'-1'");
        assertThatThrownBy(() -> EcsQuotas.ECS.with(List.of("clusters=lots")))
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> EcsQuotas.ECS.with(List.of("clusters=99999999999")))
                .hasMessageContaining("'99999999999'");
    }
}

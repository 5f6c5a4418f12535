package dev.ecsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;

/** One table of operations for every protocol: what an API has, and the checks an implementation passes on adding. */
class OperationTableTest {
    @Test
    void knowsTheApisOperationsAndRefusesWhatCannotWork() {
        OperationTable table = OperationTable.of("ecs", EcsClient.class);
        table.add(JsonOperation.of("DescribeClusters", DescribeClustersRequest::builder,
                request -> DescribeClustersResponse.builder().build(), "clusters"));

        assertThat(table.hasOperation("CreateCluster")).isTrue();
        assertThat(table.hasOperation("AcceleratorCount")).as("a shape, not an operation").isFalse();
        assertThat(table.frozen().implementedOperations()).containsExactly("DescribeClusters");
        assertThatThrownBy(() -> table.add(JsonOperation.of("CreateCluster", CreateClusterRequest::builder,
                request -> CreateClusterResponse.builder().build(), "clusterNames")))
                .hasMessage("CreateCluster requires 'clusterNames', which is not a parameter of its request");
        assertThatThrownBy(() -> table.add(JsonOperation.of("DescribeClusters", DescribeClustersRequest::builder,
                request -> DescribeClustersResponse.builder().build())))
                .hasMessage("DescribeClusters is implemented twice");
        assertThatThrownBy(() -> table.add(JsonOperation.of("Frobnicate", DescribeClustersRequest::builder,
                request -> DescribeClustersResponse.builder().build())))
                .hasMessage("Frobnicate is not an operation of ecs");
    }
}

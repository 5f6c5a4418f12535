package dev.ecsd.api.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.TestServer;
import org.junit.jupiter.api.Test;

class SmokeIT {
    @Test
    void createsAndListsAClusterOverHttp() {
        try (TestServer server = TestServer.start()) {
            server.ecs().createCluster(r -> r.clusterName("smoke"));
            assertThat(server.ecs().listClusters().clusterArns())
                    .containsExactly("arn:aws:ecs:us-east-1:000000000000:cluster/smoke");
        }
    }
}

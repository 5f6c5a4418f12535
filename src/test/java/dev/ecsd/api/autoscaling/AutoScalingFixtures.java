package dev.ecsd.api.autoscaling;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.testing.EcsTasks;
import dev.ecsd.testing.TestServer;
import java.net.URI;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** What the Application Auto Scaling API tests share: a client, the seed's service, and error assertions. */
final class AutoScalingFixtures {
    static final String RESOURCE = "service/my-cluster/web-service";
    static final String DIMENSION = "ecs:service:DesiredCount";

    private AutoScalingFixtures() {
    }

    static ApplicationAutoScalingClient client(URI endpoint) {
        return ApplicationAutoScalingClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TestServer.REGION))
                .credentialsProvider(TestServer.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The seed's cluster and service: my-cluster/web-service at two tasks. */
    static void seedService(EcsClient ecs, String serviceName) {
        ecs.createCluster(r -> r.clusterName("my-cluster"));
        String definition = new EcsTasks(ecs, "my-cluster").register("web-app",
                ContainerDefinition.builder().name("web").image("busybox").memory(64).essential(true).build());
        ecs.createService(r -> r.cluster("my-cluster").serviceName(serviceName).taskDefinition(definition)
                .desiredCount(2).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
    }

    /** Another service in my-cluster (which the seed made), of the same task definition. */
    static void seedServiceIn(EcsClient ecs, String serviceName) {
        ecs.createService(r -> r.cluster("my-cluster").serviceName(serviceName).taskDefinition("web-app:1")
                .desiredCount(1).launchType("FARGATE")
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345678"))));
    }

    static int desiredCount(EcsClient ecs, String serviceName) {
        return ecs.describeServices(r -> r.cluster("my-cluster").services(serviceName)).services().getFirst()
                .desiredCount();
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertError(ThrowingCallable call, String code,
            String messagePart) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApplicationAutoScalingException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorMessage())
                            .contains(messagePart);
                });
    }
}

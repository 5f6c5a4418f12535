package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The frozen spec of one deployment of a service, as ECS exposes it: what its tasks are made of (task definition,
 * container images, launch type or capacity strategy, platform, network, load balancers, service registries). Its
 * id is its deployment's number ({@code ecs-svc/<number>}), so a deployment finds its revision without a lookup.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRevision(
        String serviceRevisionArn,
        String serviceArn,
        String clusterArn,
        String taskDefinition,
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
        String launchType,
        String platformVersion,
        String platformFamily,
        List<LoadBalancer> loadBalancers,
        List<ServiceRegistry> serviceRegistries,
        NetworkConfiguration networkConfiguration,
        List<ContainerImage> containerImages,
        Instant createdAt) {

    public ServiceRevision {
        capacityProviderStrategy = Lists.copy(capacityProviderStrategy);
        loadBalancers = Lists.copy(loadBalancers);
        serviceRegistries = Lists.copy(serviceRegistries);
        containerImages = Lists.copy(containerImages);
    }

    /** A container's image as the revision recorded it (ECS adds the digest it resolved; ecsd resolves none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContainerImage(String containerName, String imageDigest, String image) {
    }

    /** The ARN of the revision of deployment {@code deploymentId} of the service {@code serviceArn}. */
    public static String arnOf(String serviceArn, String deploymentId) {
        return ServiceDeployment.childArn(serviceArn, "service-revision", deploymentId.substring(
                deploymentId.lastIndexOf('/') + 1));
    }
}

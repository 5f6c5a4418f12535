package dev.ecsd.control;

import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Deployment;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.model.TaskDefinition;
import java.util.List;

/** Freezes a deployment's spec into a {@link ServiceRevision}. Pure. */
public final class ServiceRevisions {
    private ServiceRevisions() {
    }

    /**
     * The revision of {@code deployment} of {@code service}: the deployment's own launch settings, the service's
     * registries, and the images of {@code definition} (null when it is gone: no images then).
     */
    public static ServiceRevision of(Service service, Deployment deployment, TaskDefinition definition) {
        boolean fargate = "FARGATE".equals(deployment.launchType())
                || !Lists.orEmpty(deployment.capacityProviderStrategy()).isEmpty();
        List<ServiceRevision.ContainerImage> images = definition == null ? List.of()
                : Lists.orEmpty(definition.containerDefinitions()).stream()
                        .map(ServiceRevisions::image).toList();
        return new ServiceRevision(ServiceRevision.arnOf(service.serviceArn(), deployment.id()), service.serviceArn(),
                service.clusterArn(), deployment.taskDefinition(), deployment.capacityProviderStrategy(),
                deployment.launchType(), fargate ? deployment.platformVersion() : null, fargate ? "Linux" : null,
                deployment.loadBalancers() != null ? deployment.loadBalancers() : service.loadBalancers(),
                service.serviceRegistries(), deployment.networkConfiguration(), images, deployment.createdAt());
    }

    private static ServiceRevision.ContainerImage image(ContainerDefinition container) {
        return new ServiceRevision.ContainerImage(container.name(), null, container.image());
    }
}

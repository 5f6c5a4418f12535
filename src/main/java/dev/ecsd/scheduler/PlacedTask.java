package dev.ecsd.scheduler;

/**
 * A task already placed in the cluster, as placement needs to see it: where it runs (a container instance, or a
 * capacity provider for Fargate), its group (null for none) and task definition family. Its cpu, memory and ports are already
 * subtracted in its instance's {@code remainingResources}, as ECS reports them.
 */
public record PlacedTask(String containerInstanceArn, String capacityProviderName, String group,
        String taskDefinitionFamily) {

    public static PlacedTask onInstance(String containerInstanceArn, String group, String taskDefinitionFamily) {
        return new PlacedTask(containerInstanceArn, null, group, taskDefinitionFamily);
    }

    public static PlacedTask onCapacityProvider(String capacityProviderName, String group, String taskDefinitionFamily) {
        return new PlacedTask(null, capacityProviderName, group, taskDefinitionFamily);
    }
}

package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A host registered to a cluster for the EC2 (or EXTERNAL) launch type, as ECS describes it. {@code
 * remainingResources} already account for the tasks placed on it; the well-known attributes are {@code
 * ecs.availability-zone}, {@code ecs.instance-type}, {@code ecs.os-type} and {@code ecs.ami-id}, beside custom ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerInstance(
        String containerInstanceArn,
        String ec2InstanceId,
        ContainerInstanceStatus status,
        String statusReason,
        boolean agentConnected,
        VersionInfo versionInfo,
        List<Resource> registeredResources,
        List<Resource> remainingResources,
        List<Attribute> attributes,
        Instant registeredAt,
        int runningTasksCount,
        int pendingTasksCount) {
    public static final String AVAILABILITY_ZONE = "ecs.availability-zone";
    public static final String INSTANCE_TYPE = "ecs.instance-type";
    public static final String OS_TYPE = "ecs.os-type";
    public static final String AMI_ID = "ecs.ami-id";

    public ContainerInstance {
        registeredResources = Lists.copy(registeredResources);
        remainingResources = Lists.copy(remainingResources);
        attributes = Lists.copy(attributes);
    }

    /** The id ECS prints in messages: the last segment of the ARN. */
    public String containerInstanceId() {
        return containerInstanceArn.substring(containerInstanceArn.lastIndexOf('/') + 1);
    }

    /** An INTEGER remaining resource ({@code CPU}, {@code MEMORY}), 0 when absent. */
    public int remainingInteger(String name) {
        return integerOf(remainingResources, name);
    }

    /** An INTEGER registered resource ({@code CPU}, {@code MEMORY}), 0 when absent. */
    public int registeredInteger(String name) {
        return integerOf(registeredResources, name);
    }

    /** The host ports already reserved for {@code PORTS} or {@code PORTS_UDP}. */
    public List<String> reservedPorts(String name) {
        for (Resource resource : Lists.orEmpty(remainingResources)) {
            if (name.equals(resource.name())) {
                return Lists.orEmpty(resource.stringSetValue());
            }
        }
        return List.of();
    }

    /** The value of an attribute; null when the attribute is absent or has no value. */
    public String attribute(String name) {
        for (Attribute attribute : Lists.orEmpty(attributes)) {
            if (name.equals(attribute.name())) {
                return attribute.value();
            }
        }
        return null;
    }

    private static int integerOf(List<Resource> resources, String name) {
        for (Resource resource : Lists.orEmpty(resources)) {
            if (name.equals(resource.name()) && resource.integerValue() != null) {
                return resource.integerValue();
            }
        }
        return 0;
    }
}

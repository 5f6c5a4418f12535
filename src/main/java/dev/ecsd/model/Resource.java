package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A resource of a container instance as ECS models it: {@code CPU} and {@code MEMORY} are INTEGER (CPU units,
 * MiB); {@code PORTS} and {@code PORTS_UDP} are STRINGSET. In {@code remainingResources} the port sets list the
 * host ports already reserved (ECS's convention), not the free ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(String name, String type, Double doubleValue, Long longValue, Integer integerValue,
        List<String> stringSetValue) {
    public static final String CPU = "CPU";
    public static final String MEMORY = "MEMORY";
    public static final String PORTS = "PORTS";
    public static final String PORTS_UDP = "PORTS_UDP";

    public Resource {
        stringSetValue = Lists.copy(stringSetValue);
    }

    public static Resource integer(String name, int value) {
        return new Resource(name, "INTEGER", null, null, value, null);
    }

    public static Resource stringSet(String name, List<String> values) {
        return new Resource(name, "STRINGSET", null, null, null, values);
    }
}

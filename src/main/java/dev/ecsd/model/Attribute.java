package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An ECS attribute, as in a task definition's {@code requiresAttributes}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attribute(String name, String value, String targetType, String targetId) {
    public static Attribute named(String name) {
        return new Attribute(name, null, null, null);
    }
}

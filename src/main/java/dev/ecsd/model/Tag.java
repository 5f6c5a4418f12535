package dev.ecsd.model;

/** A resource tag, as ECS spells it. */
public record Tag(String key, String value) {
}

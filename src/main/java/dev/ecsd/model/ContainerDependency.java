package dev.ecsd.model;

/** A {@code dependsOn} entry: start after {@code containerName} reaches {@code condition}. */
public record ContainerDependency(String containerName, String condition) {
}

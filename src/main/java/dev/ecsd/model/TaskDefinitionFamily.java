package dev.ecsd.model;

/** The revision counter of a task definition family; it keeps counting after revisions are deleted. */
public record TaskDefinitionFamily(String family, int lastRevision) {
}

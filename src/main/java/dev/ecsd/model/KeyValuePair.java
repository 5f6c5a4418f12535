package dev.ecsd.model;

/** A name/value pair: container environment variables, cluster settings, container overrides. */
public record KeyValuePair(String name, String value) {
}

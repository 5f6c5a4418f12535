package dev.ecsd.model.ssm;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An SSM Parameter Store parameter: its name as created, its ARN, its tags and its versions, oldest first (at most
 * {@link #MAX_VERSIONS}, as SSM keeps). Keyed by {@link #key(String)}, under which {@code /name} and {@code name}
 * are one parameter, as in SSM.
 */
public record Parameter(String name, String arn, Map<String, String> tags, List<ParameterVersion> versions) {
    public static final int MAX_VERSIONS = 100;

    public Parameter {
        tags = tags == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** The key of a name: a top-level name is the same parameter with or without its leading slash. */
    public static String key(String name) {
        String stripped = name.startsWith("/") ? name.substring(1) : name;
        return stripped.contains("/") ? name : stripped;
    }

    /** The associated data a SecureString version is sealed with: its parameter's ARN and version. */
    public static String sealingOwner(String arn, long version) {
        return arn + ":" + version;
    }

    public String key() {
        return key(name);
    }

    public ParameterVersion latest() {
        return versions.getLast();
    }

    public Optional<ParameterVersion> version(long number) {
        return versions.stream().filter(v -> v.version() == number).findFirst();
    }

    public Optional<ParameterVersion> labelled(String label) {
        return versions.stream().filter(v -> v.labels().contains(label)).findFirst();
    }

    public Parameter withVersions(List<ParameterVersion> newVersions) {
        return new Parameter(name, arn, tags, newVersions);
    }

    public Parameter withTags(Map<String, String> newTags) {
        return new Parameter(name, arn, newTags, versions);
    }
}

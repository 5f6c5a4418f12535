package dev.ecsd.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The console's addresses, made in one place so that pages link to what the routes serve. */
public final class ConsolePaths {
    private ConsolePaths() {
    }

    public static String cluster(String region, String cluster) {
        return "/ui/r/" + segment(region) + "/clusters/" + segment(cluster);
    }

    public static String service(String region, String cluster, String service) {
        return cluster(region, cluster) + "/services/" + segment(service);
    }

    public static String task(String region, String cluster, String taskId) {
        return cluster(region, cluster) + "/tasks/" + segment(taskId);
    }

    /** Where the task page's stop form posts. */
    public static String stopTask(String region, String cluster, String taskId) {
        return task(region, cluster, taskId) + "/stop";
    }

    public static String taskDefinitions(String region) {
        return "/ui/r/" + segment(region) + "/task-definitions";
    }

    public static String family(String region, String family) {
        return taskDefinitions(region) + "/" + segment(family);
    }

    public static String revision(String region, String family, int revision) {
        return family(region, family) + "/" + revision;
    }

    /** A revision's page showing its diff from {@code other}. */
    public static String compare(String region, String family, int revision, int other) {
        return revision(region, family, revision) + "?compare=" + other;
    }

    /** Where the revision page's deregister form posts. */
    public static String deregister(String region, String family, int revision) {
        return revision(region, family, revision) + "/deregister";
    }

    /** One path segment, percent-encoded (names may hold ':' and the like). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

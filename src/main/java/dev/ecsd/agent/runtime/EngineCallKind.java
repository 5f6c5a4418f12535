package dev.ecsd.agent.runtime;

import java.util.List;

/**
 * The kind of a Docker Engine call, for ecsd's metrics: its description ({@code "start container 3f2a..."}) without
 * the ids and names that would make a label per container. An unknown description is {@code other}.
 */
final class EngineCallKind {
    /** Longest first where one is a prefix of another. */
    private static final List<String> KINDS = List.of("ping", "inspect image", "inspect container", "inspect volume",
            "create container", "start container", "stop container", "remove container", "list containers",
            "create volume", "remove volume", "load image", "pull", "follow the logs", "read the stats",
            "open the event stream");

    private EngineCallKind() {
    }

    static String of(String operation) {
        for (String kind : KINDS) {
            if (operation.startsWith(kind) && (operation.length() == kind.length()
                    || operation.charAt(kind.length()) == ' ')) {
                return kind.replace(' ', '_');
            }
        }
        return "other";
    }
}

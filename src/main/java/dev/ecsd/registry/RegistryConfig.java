package dev.ecsd.registry;

import java.nio.file.Path;

/**
 * The configuration file of the child registry (CNCF Distribution 2.8): its storage in ecsd's data directory,
 * deletes allowed (BatchDeleteImage, lifecycle expiry), loopback only, relative URLs so that the Locations it
 * answers stay right behind ecsd's port, no authentication of its own (ecsd checks the ECR token before a request
 * reaches it), and only warnings in its log.
 */
record RegistryConfig(Path storage, int port, String secret) {

    String yaml() {
        return """
                version: 0.1
                log:
                  level: warn
                  formatter: text
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  redirect:
                    disable: true
                http:
                  addr: 127.0.0.1:%d
                  relativeurls: true
                  secret: %s
                  draintimeout: 5s
                """.formatted(quoted(storage.toAbsolutePath().toString()), port, secret);
    }

    /** A YAML double-quoted scalar, so that a data directory with spaces or colons stays one path. */
    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

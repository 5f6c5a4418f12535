package dev.ecsd.bench;

import java.util.List;

/**
 * The one workload every system of the start and rolling benchmarks runs: busybox httpd serving a page that
 * names its revision (read from REV, so a new revision is one changed environment variable for ECS and Swarm
 * alike), leaving promptly on SIGTERM. Every system publishes each task's port 8080 on an ephemeral host port.
 */
final class Workload {
    static final int PORT = 8080;
    /** Labels everything the anchors create, so a run (or a later one, after a crash) can find and remove it. */
    static final String LABEL = "dev.ecsd.bench";
    static final List<String> COMMAND = List.of("sh", "-c",
            "echo \"revision $REV\" > /var/www/index.html; trap 'exit 0' TERM; httpd -f -p 8080 -h /var/www & wait");

    private Workload() {
    }
}

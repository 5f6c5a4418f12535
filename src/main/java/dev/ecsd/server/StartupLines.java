package dev.ecsd.server;

import dev.ecsd.agent.AgentStartup;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines a starting server says, one each, in this order: its version (when it starts), then once it serves where
 * the API, the console and the metrics are, which container runtime it found, and how many running tasks its agents
 * re-adopted. A user reading the first screen of the log knows where to point their tools and whether tasks can run.
 */
final class StartupLines {
    private static final Logger LOG = LoggerFactory.getLogger("ecsd.server");
    /** The version when the classes are not in a built jar (tests, an IDE). */
    static final String UNKNOWN_VERSION = "dev";

    private StartupLines() {
    }

    /** The jar's {@code Implementation-Version}, written by the build; {@value #UNKNOWN_VERSION} when there is none. */
    static String version() {
        String version = StartupLines.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? UNKNOWN_VERSION : version;
    }

    static void starting(ServerConfig config) {
        String version = version();
        LOG.atInfo().addKeyValue("version", version).addKeyValue("defaultRegion", config.region())
                .addKeyValue("account", config.accountId()).addKeyValue("dataDir", config.dataDirectory())
                .log("ecsd {} starting", version);
    }

    /**
     * The lines of a server that serves: {@code simulated} when its runtime runs no containers. {@code agents} are
     * the startups of the regions started with the server, the default one first.
     */
    static void serving(URI endpoint, boolean simulated, List<AgentStartup> agents) {
        LOG.atInfo().addKeyValue("url", endpoint)
                .log("API on {} (every AWS API ecsd speaks, every region of the aws partition)", endpoint);
        URI console = endpoint.resolve("/ui/");
        LOG.atInfo().addKeyValue("url", console).log("console on {}", console);
        URI metrics = endpoint.resolve("/metrics");
        LOG.atInfo().addKeyValue("url", metrics).log("Prometheus metrics on {}", metrics);
        AgentStartup first = agents.getFirst();
        if (simulated) {
            LOG.atInfo().addKeyValue("runtime", "simulated")
                    .log("runtime: simulated, no containers run (tasks go through their states on their own)");
        } else if (first.runtimeAnswered()) {
            LOG.atInfo().addKeyValue("runtime", "docker").addKeyValue("engine", first.runtime())
                    .log("runtime: {}", first.runtime());
        } else {
            LOG.atWarn().addKeyValue("runtime", "docker").addKeyValue("failure", first.runtimeFailure())
                    .log("runtime: no Docker Engine answers ({}). The API works, but tasks stop with a reason "
                            + "saying so until one does: start Docker (or point DOCKER_HOST at one), or run "
                            + "ecsd server --runtime simulated to run no containers", first.runtimeFailure());
        }
        int adopted = agents.stream().mapToInt(AgentStartup::adoptedRunningTasks).sum();
        LOG.atInfo().addKeyValue("readoptedTasks", adopted)
                .log("re-adopted {} running {} from their containers", adopted, adopted == 1 ? "task" : "tasks");
    }
}

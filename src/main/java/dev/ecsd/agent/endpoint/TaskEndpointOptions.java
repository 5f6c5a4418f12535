package dev.ecsd.agent.endpoint;

/**
 * Whether and where the server's task endpoint listens for an agent's tasks, and whether the agent redirects its
 * containers' traffic to 169.254.170.2:80 to it (on a Docker host; a simulated runtime has no containers to redirect).
 *
 * @param port     the listener's port on 127.0.0.1 (as configured: 0 for any free one; as given to an agent: the
 *                 port it listens on), -1 for no endpoint at all
 * @param redirect set up the host (route_localnet, iptables DNAT) so that containers reach it
 */
public record TaskEndpointOptions(int port, boolean redirect) {
    /** The ECS agent's own port for its credentials and metadata endpoint. */
    public static final int DEFAULT_PORT = 51679;
    public static final TaskEndpointOptions OFF = new TaskEndpointOptions(-1, false);

    public boolean enabled() {
        return port >= 0;
    }
}

package dev.ecsd.scheduler;

/** A fixed host port a task needs (dynamic host ports, 0, are not listed); protocol is tcp or udp. */
public record HostPort(int port, String protocol) {
    public HostPort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a host port is between 1 and 65535, not " + port);
        }
        if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
            throw new IllegalArgumentException("a host port's protocol is tcp or udp, not " + protocol);
        }
    }

    public static HostPort tcp(int port) {
        return new HostPort(port, "tcp");
    }

    public static HostPort udp(int port) {
        return new HostPort(port, "udp");
    }
}

package dev.ecsd.server;

import dev.ecsd.metrics.MetricPeriod;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** Everything an ecsd server is configured with. */
public record ServerConfig(
        String bindAddress,
        int port,
        Path dataDirectory,
        String region,
        String accountId,
        String accessKeyId,
        String secretAccessKey,
        boolean allowReset,
        long maxRequestBytes,
        String runtime,
        MetricPeriod metricPeriod) {

    public static final String DEFAULT_ACCESS_KEY_ID = "test";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "test";
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    public static final String RUNTIME_DOCKER = "docker";
    public static final String RUNTIME_SIMULATED = "simulated";

    public ServerConfig {
        metricPeriod = metricPeriod == null ? MetricPeriod.AWS : metricPeriod;
    }

    /** A configuration with AWS's metric period (60 s). */
    public ServerConfig(String bindAddress, int port, Path dataDirectory, String region, String accountId,
            String accessKeyId, String secretAccessKey, boolean allowReset, long maxRequestBytes, String runtime) {
        this(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey, allowReset,
                maxRequestBytes, runtime, MetricPeriod.AWS);
    }

    public boolean bindsLoopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether this configuration would serve a network beyond this machine with the well-known dev credentials
     * (the secret {@code test}), whether they were left unset or given explicitly: everyone knows them.
     */
    public boolean exposesWellKnownCredentials() {
        return !bindsLoopbackOnly() && DEFAULT_SECRET_ACCESS_KEY.equals(secretAccessKey);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, metricPeriod);
    }

    public ServerConfig withRuntime(String newRuntime) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, newRuntime, metricPeriod);
    }

    public ServerConfig withMetricPeriod(MetricPeriod newPeriod) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, newPeriod);
    }
}

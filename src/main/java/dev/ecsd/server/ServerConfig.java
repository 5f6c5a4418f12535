package dev.ecsd.server;

import dev.ecsd.metrics.MetricPeriod;
import dev.ecsd.model.EcsQuotas;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Everything an ecsd server is configured with.
 *
 * @param secretsKey base64 of the 32-byte key secret values are sealed with, or null for the data directory's own
 * @param taskEndpointPort the task endpoint's port on 127.0.0.1 (credentials, metadata): 0 for any free one, -1 for
 *     none
 * @param quotas the ECS service quotas the API enforces (ECS's defaults when null)
 * @param spotInterruptionRate Fargate Spot interruptions per running FARGATE_SPOT task and hour, at random (chaos
 *     runs); 0 for none
 */
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
        MetricPeriod metricPeriod,
        String secretsKey,
        int taskEndpointPort,
        EcsQuotas quotas,
        double spotInterruptionRate) {

    public static final String DEFAULT_ACCESS_KEY_ID = "test";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "test";
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    public static final String RUNTIME_DOCKER = "docker";
    public static final String RUNTIME_SIMULATED = "simulated";
    public static final int TASK_ENDPOINT_OFF = -1;

    public ServerConfig {
        metricPeriod = metricPeriod == null ? MetricPeriod.AWS : metricPeriod;
        quotas = quotas == null ? EcsQuotas.ECS : quotas;
        if (!(spotInterruptionRate >= 0) || Double.isInfinite(spotInterruptionRate)) {
            throw new IllegalArgumentException("a Spot interruption rate is 0 or more: " + spotInterruptionRate);
        }
    }

    /** A configuration with ECS's default quotas and no Spot interruption chaos. */
    public ServerConfig(String bindAddress, int port, Path dataDirectory, String region, String accountId,
            String accessKeyId, String secretAccessKey, boolean allowReset, long maxRequestBytes, String runtime,
            MetricPeriod metricPeriod, String secretsKey, int taskEndpointPort) {
        this(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey, allowReset,
                maxRequestBytes, runtime, metricPeriod, secretsKey, taskEndpointPort, EcsQuotas.ECS, 0);
    }

    /** A configuration whose task endpoint listens on any free port. */
    public ServerConfig(String bindAddress, int port, Path dataDirectory, String region, String accountId,
            String accessKeyId, String secretAccessKey, boolean allowReset, long maxRequestBytes, String runtime,
            MetricPeriod metricPeriod, String secretsKey) {
        this(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey, allowReset,
                maxRequestBytes, runtime, metricPeriod, secretsKey, 0);
    }

    /** A configuration with AWS's metric period (60 s). */
    public ServerConfig(String bindAddress, int port, Path dataDirectory, String region, String accountId,
            String accessKeyId, String secretAccessKey, boolean allowReset, long maxRequestBytes, String runtime) {
        this(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey, allowReset,
                maxRequestBytes, runtime, MetricPeriod.AWS, null, 0);
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
                allowReset, maxRequestBytes, runtime, metricPeriod, secretsKey, taskEndpointPort, quotas,
                spotInterruptionRate);
    }

    public ServerConfig withRuntime(String newRuntime) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, newRuntime, metricPeriod, secretsKey, taskEndpointPort, quotas,
                spotInterruptionRate);
    }

    public ServerConfig withMetricPeriod(MetricPeriod newPeriod) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, newPeriod, secretsKey, taskEndpointPort, quotas,
                spotInterruptionRate);
    }

    public ServerConfig withSecretsKey(String newSecretsKey) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, metricPeriod, newSecretsKey, taskEndpointPort, quotas,
                spotInterruptionRate);
    }

    public ServerConfig withTaskEndpointPort(int newPort) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, metricPeriod, secretsKey, newPort, quotas,
                spotInterruptionRate);
    }

    public ServerConfig withSpotInterruptionRate(double newRate) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, metricPeriod, secretsKey, taskEndpointPort, quotas, newRate);
    }

    public ServerConfig withQuotas(EcsQuotas newQuotas) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime, metricPeriod, secretsKey, taskEndpointPort, newQuotas,
                spotInterruptionRate);
    }

    /** Keeps the secrets key out of anything that prints the configuration. */
    @Override
    public String toString() {
        return "ServerConfig[bind=" + bindAddress + ", port=" + port + ", data=" + dataDirectory + ", region=" + region
                + ", account=" + accountId + ", runtime=" + runtime + ", taskEndpointPort=" + taskEndpointPort
                + ", quotas=" + quotas + ", spotInterruptionRate=" + spotInterruptionRate + "]";
    }
}

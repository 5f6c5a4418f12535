package dev.ecsd.server;

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
        String runtime) {

    public static final String DEFAULT_ACCESS_KEY_ID = "test";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "test";
    public static final long DEFAULT_MAX_REQUEST_BYTES = 4L * 1024 * 1024;
    public static final String RUNTIME_DOCKER = "docker";
    public static final String RUNTIME_SIMULATED = "simulated";

    public boolean bindsLoopbackOnly() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, runtime);
    }

    public ServerConfig withRuntime(String newRuntime) {
        return new ServerConfig(bindAddress, port, dataDirectory, region, accountId, accessKeyId, secretAccessKey,
                allowReset, maxRequestBytes, newRuntime);
    }
}

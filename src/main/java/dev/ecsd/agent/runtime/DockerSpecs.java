package dev.ecsd.agent.runtime;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link ContainerSpec} into docker-java's create-container command. */
final class DockerSpecs {
    /** json-file so logs can be read back; rotated so a chatty container cannot fill the disk. */
    static final LogConfig LOG_CONFIG =
            new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "10m", "max-file", "3"));

    private DockerSpecs() {
    }

    static CreateContainerCmd apply(ContainerSpec spec, CreateContainerCmd create) {
        create.withImage(spec.image());
        if (spec.name() != null) {
            create.withName(spec.name());
        }
        if (spec.entryPoint() != null) {
            create.withEntrypoint(spec.entryPoint());
        }
        if (spec.command() != null) {
            create.withCmd(spec.command());
        }
        create.withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (spec.workingDirectory() != null) {
            create.withWorkingDir(spec.workingDirectory());
        }
        if (spec.user() != null) {
            create.withUser(spec.user());
        }
        create.withLabels(spec.labels());
        if (spec.hostname() != null) {
            create.withHostName(spec.hostname());
        }
        if (spec.stopTimeout() != null) {
            create.withStopTimeout(wholeSeconds(spec.stopTimeout()));
        }
        if (spec.healthCheck() != null) {
            create.withHealthcheck(healthCheck(spec.healthCheck()));
        }
        HostConfig host = HostConfig.newHostConfig().withLogConfig(LOG_CONFIG);
        if (spec.network() != null) {
            host.withNetworkMode(networkMode(spec.network()));
        }
        if (!spec.ports().isEmpty()) {
            Ports bindings = new Ports();
            List<ExposedPort> exposed = new ArrayList<>();
            for (ContainerSpec.Port port : spec.ports()) {
                ExposedPort containerPort = new ExposedPort(port.containerPort(), protocol(port.protocol()));
                exposed.add(containerPort);
                String hostIp = port.hostIp() == null ? "" : port.hostIp();
                bindings.bind(containerPort, port.hostPort() == null || port.hostPort() == 0
                        ? Ports.Binding.bindIp(hostIp)
                        : Ports.Binding.bindIpAndPort(hostIp, port.hostPort()));
            }
            create.withExposedPorts(exposed);
            host.withPortBindings(bindings);
        }
        if (spec.memoryLimitBytes() != null) {
            // as in ECS: no swap beyond the limit, so a container over its memory is OOM-killed, not swapped
            host.withMemory(spec.memoryLimitBytes()).withMemorySwap(spec.memoryLimitBytes());
        }
        if (spec.memoryReservationBytes() != null) {
            host.withMemoryReservation(spec.memoryReservationBytes());
        }
        if (spec.cpuShares() != null) {
            host.withCpuShares(spec.cpuShares());
        }
        if (spec.nanoCpus() != null) {
            host.withNanoCPUs(spec.nanoCpus());
        }
        if (!spec.ulimits().isEmpty()) {
            host.withUlimits(spec.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
        }
        host.withReadonlyRootfs(spec.readonlyRootFilesystem());
        if (!spec.mounts().isEmpty()) {
            host.withMounts(spec.mounts().stream().map(DockerSpecs::mount).toList());
        }
        if (spec.initProcess()) {
            host.withInit(true);
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
        }
        host.withPrivileged(spec.privileged());
        return create.withHostConfig(host);
    }

    static String networkMode(ContainerSpec.Network network) {
        return switch (network.mode()) {
            case BRIDGE -> "bridge";
            case HOST -> "host";
            case NONE -> "none";
            case CONTAINER -> "container:" + network.joinContainerId();
        };
    }

    private static InternetProtocol protocol(String protocol) {
        return protocol == null ? InternetProtocol.TCP : InternetProtocol.parse(protocol.toLowerCase(Locale.ROOT));
    }

    private static HealthCheck healthCheck(ContainerSpec.HealthCheck check) {
        HealthCheck health = new HealthCheck().withTest(check.test()).withRetries(check.retries());
        if (check.interval() != null) {
            health.withInterval(check.interval().toNanos());
        }
        if (check.timeout() != null) {
            health.withTimeout(check.timeout().toNanos());
        }
        if (check.startPeriod() != null) {
            health.withStartPeriod(check.startPeriod().toNanos());
        }
        return health;
    }

    private static Mount mount(ContainerSpec.Mount mount) {
        return new Mount()
                .withType(mount.type() == ContainerSpec.Mount.Type.BIND ? MountType.BIND : MountType.VOLUME)
                .withSource(mount.source())
                .withTarget(mount.target())
                .withReadOnly(mount.readOnly());
    }

    /** Docker's stop timeouts are whole seconds; round up so a container never gets less than asked. */
    static int wholeSeconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
    }
}

package dev.ecsd.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link ContainerSpec}s for tests, filling what a test does not care about with defaults. */
final class SpecBuilder {
    String name;
    String image;
    List<String> entryPoint;
    List<String> command;
    final Map<String, String> environment = new LinkedHashMap<>();
    String workingDirectory;
    String user;
    final Map<String, String> labels = new LinkedHashMap<>();
    ContainerSpec.Network network = ContainerSpec.Network.bridge();
    final List<ContainerSpec.Port> ports = new ArrayList<>();
    Long memoryLimitBytes;
    Long memoryReservationBytes;
    Integer cpuShares;
    Long nanoCpus;
    ContainerSpec.HealthCheck healthCheck;
    final List<ContainerSpec.Ulimit> ulimits = new ArrayList<>();
    boolean readonlyRootFilesystem;
    final List<ContainerSpec.Mount> mounts = new ArrayList<>();
    boolean initProcess;
    String hostname;
    final List<String> extraHosts = new ArrayList<>();
    boolean privileged;
    Duration stopTimeout;

    SpecBuilder(String name, String image) {
        this.name = name;
        this.image = image;
    }

    /** Runs {@code script} with {@code sh -c}. */
    SpecBuilder shell(String script) {
        this.command = List.of("sh", "-c", script);
        return this;
    }

    SpecBuilder image(String image) {
        this.image = image;
        return this;
    }

    SpecBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    SpecBuilder network(ContainerSpec.Network network) {
        this.network = network;
        return this;
    }

    SpecBuilder port(int containerPort) {
        ports.add(new ContainerSpec.Port(containerPort, "tcp", "127.0.0.1", null));
        return this;
    }

    SpecBuilder memoryLimit(long bytes) {
        this.memoryLimitBytes = bytes;
        return this;
    }

    SpecBuilder healthCheck(String shellCommand, Duration interval, int retries) {
        this.healthCheck = new ContainerSpec.HealthCheck(List.of("CMD-SHELL", shellCommand), interval,
                Duration.ofSeconds(5), retries, Duration.ZERO);
        return this;
    }

    SpecBuilder stopTimeout(Duration timeout) {
        this.stopTimeout = timeout;
        return this;
    }

    ContainerSpec build() {
        return new ContainerSpec(name, image, entryPoint, command, environment, workingDirectory, user, labels,
                network, ports, memoryLimitBytes, memoryReservationBytes, cpuShares, nanoCpus, healthCheck, ulimits,
                readonlyRootFilesystem, mounts, initProcess, hostname, extraHosts, privileged, stopTimeout);
    }
}

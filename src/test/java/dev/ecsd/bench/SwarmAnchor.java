package dev.ecsd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker Swarm on the local engine, the anchor of the start and rolling benchmarks, driven through the
 * {@code docker} command as its users drive it and watched through the engine API. {@link #join()} initialises a
 * single-node swarm on 127.0.0.1 when the engine is in none, and {@link #close()} leaves it again only then (and
 * removes the docker_gwbridge network the swarm made), after removing every service this class labelled.
 *
 * <p>Each replica publishes port 8080 in host mode on an ephemeral host port ({@code --publish
 * mode=host,target=8080}): that is Swarm's nearest to what ecsd does for an awsvpc task (each task's port on its
 * own ephemeral port of 127.0.0.1), where the ingress routing mesh would add a virtual IP and IPVS to every task
 * start that neither ecsd nor {@code docker run} pays. The image is local: Swarm warns that it cannot record its
 * digest in a registry and runs it on this node.
 */
final class SwarmAnchor implements AutoCloseable {
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String SERVICE_LABEL = "com.docker.swarm.service.name";

    private final boolean initialised;
    private final boolean madeGatewayBridge;

    private SwarmAnchor(boolean initialised, boolean madeGatewayBridge) {
        this.initialised = initialised;
        this.madeGatewayBridge = madeGatewayBridge;
    }

    /** The engine's swarm, initialised here when the engine is in none; fails when Swarm cannot run here. */
    static SwarmAnchor join() {
        String state = EngineApi.swarmState();
        if ("active".equals(state)) {
            SwarmAnchor existing = new SwarmAnchor(false, false);
            existing.removeOurServices();
            return existing;
        }
        if (!"inactive".equals(state)) {
            throw new IllegalStateException("the engine's swarm is " + state + "; the benchmark needs it active or "
                    + "inactive");
        }
        boolean bridgeExisted = Commands.run(CLI_TIMEOUT,
                List.of("docker", "network", "inspect", "docker_gwbridge")).exitCode() == 0;
        Commands.check(CLI_TIMEOUT, "docker", "swarm", "init", "--advertise-addr", "127.0.0.1");
        return new SwarmAnchor(true, !bridgeExisted);
    }

    /**
     * {@code docker service create --detach} of {@code replicas} tasks of the workload at revision {@code rev},
     * timed until every replica is running (the first too); {@code options} go before the image.
     */
    StartTimes start(String name, String image, int replicas, String rev, List<String> options) {
        List<String> command = new ArrayList<>(List.of("docker", "service", "create", "--detach",
                "--replicas", String.valueOf(replicas), "--name", name, "--label", Workload.LABEL + "=1",
                "--container-label", Workload.LABEL + "=1", "--publish", "mode=host,target=" + Workload.PORT,
                "--env", "REV=" + rev));
        command.addAll(options);
        command.add(image);
        command.addAll(Workload.COMMAND);
        long start = System.nanoTime();
        Commands.run(CLI_TIMEOUT, command).orFail(command);
        double request = StartTimes.seconds(start, System.nanoTime());
        return StartTimes.await("Swarm service " + name, start, request, replicas,
                () -> EngineApi.runningSwarmTasks(name), StartTimes.POLL, TIMEOUT);
    }

    /**
     * {@code docker service update --detach --update-parallelism p --update-order order --env-add REV=rev}, timed
     * until UpdateStatus.State is {@code completed}: every old task shut down and its replacement running, and
     * the update's monitor period (default 5 s, in which a failing new task would still fail the update) over;
     * {@code options} go before the service name.
     */
    double update(String name, int parallelism, String order, String rev, List<String> options) {
        List<String> command = new ArrayList<>(List.of("docker", "service", "update", "--detach",
                "--update-parallelism", String.valueOf(parallelism), "--update-order", order, "--env-add",
                "REV=" + rev));
        command.addAll(options);
        command.add(name);
        long start = System.nanoTime();
        Commands.run(CLI_TIMEOUT, command).orFail(command);
        long deadline = start + TIMEOUT.toNanos();
        while (true) {
            String state = EngineApi.swarmUpdateState(name);
            if ("completed".equals(state)) {
                return StartTimes.seconds(start, System.nanoTime());
            }
            if (state.equals("paused") || state.startsWith("rollback")) {
                throw new IllegalStateException("the update of Swarm service " + name + " is " + state);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the update of Swarm service " + name + " is " + state + " after "
                        + TIMEOUT);
            }
            StartTimes.pause(StartTimes.POLL);
        }
    }

    /** How many containers of the service run now (old and new tasks alike). */
    static int runningContainers(String name) {
        return EngineApi.runningContainers(SERVICE_LABEL + "=" + name);
    }

    /** {@code docker service rm}, then waits until the engine holds none of the service's containers. */
    void remove(String name) {
        Commands.run(CLI_TIMEOUT, List.of("docker", "service", "rm", name));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!EngineApi.containers(true, SERVICE_LABEL + "=" + name).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the containers of Swarm service " + name + " remain after "
                        + TIMEOUT);
            }
            StartTimes.pause(Duration.ofMillis(250));
        }
    }

    private void removeOurServices() {
        String services = Commands.check(CLI_TIMEOUT, "docker", "service", "ls", "-q", "--filter",
                "label=" + Workload.LABEL);
        for (String id : services.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            String name = Commands.check(CLI_TIMEOUT, "docker", "service", "inspect", "--format",
                    "{{.Spec.Name}}", id).strip();
            remove(name);
        }
    }

    @Override
    public void close() {
        try {
            removeOurServices();
        } finally {
            if (initialised) {
                Commands.run(CLI_TIMEOUT, List.of("docker", "swarm", "leave", "--force"));
                if (madeGatewayBridge) {
                    Commands.run(CLI_TIMEOUT, List.of("docker", "network", "rm", "docker_gwbridge"));
                }
            }
        }
    }
}

package dev.ecsd.agent.endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the host send a container's requests for 169.254.170.2:80 to this agent's task endpoint on 127.0.0.1, as the
 * ECS agent does on EC2 hosts: {@code route_localnet} on, so that the kernel routes redirected packets to loopback; a
 * DNAT rule in the nat table's PREROUTING; and ECS's guard in INPUT, so that no other machine reaches loopback
 * services once {@code route_localnet} is on.
 *
 * <p>Several ecsd servers may share one host and one Docker bridge, so there is no single rule for all: a server
 * redirects only the addresses of its own task networks (the address of each bridge container, of an awsvpc task's
 * pause container or of its only container), one rule each, added when the container has started (for a pause
 * container: before the task's containers start) and deleted when it goes; until its rule exists, a container's
 * requests are dropped (see hold) and retransmitted, not lost. Every rule carries the comment
 * {@code ecsd:<instance id>}; at start a server deletes the rules its previous run left (killed, say), and a rule for
 * an address a container now has replaces any other rule for that address, which can only be left over. The guard
 * and hold rules are shared and stay, as {@code route_localnet} does: the guard only drops what the kernel would drop
 * were {@code route_localnet} off, the hold only what has nowhere to go.
 */
public final class HostRedirect implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostRedirect.class);
    public static final String ENDPOINT_ADDRESS = "169.254.170.2";
    static final Path ROUTE_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    private static final String GUARD_COMMENT = "ecsd:localnet-guard";
    private static final List<String> GUARD = List.of("INPUT", "-d", "127.0.0.0/8", "!", "-s", "127.0.0.0/8",
            "-m", "conntrack", "!", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-m", "comment", "--comment",
            GUARD_COMMENT, "-j", "DROP");
    private static final String HOLD_COMMENT = "ecsd:endpoint-hold";

    /**
     * A container's request for the endpoint that no redirect rule caught yet is dropped, not forwarded: the kernel
     * keeps no connection-tracking entry for a dropped packet, so the container's retransmission (after a second) is
     * looked at afresh by the redirect added meanwhile. Without it, a container that asks at once — before its
     * address's rule exists, since an address is known only once the container runs — would have its connection
     * tracked as going elsewhere for good. Nothing legitimate is forwarded to 169.254.170.2:80: it is link-local.
     * It goes in Docker's DOCKER-USER chain where there is one: Docker puts its own FORWARD rules, which accept a
     * bridge's traffic, before any other whenever the engine starts, and keeps DOCKER-USER first.
     */
    private static List<String> hold(String chain) {
        return List.of(chain, "-d", ENDPOINT_ADDRESS + "/32", "-p", "tcp", "-m", "tcp", "--dport", "80",
                "-m", "comment", "--comment", HOLD_COMMENT, "-j", "DROP");
    }

    /** Runs one command; answers its exit code and output. */
    public interface Commands {
        Result run(List<String> command);

        record Result(int exitCode, String output) {
        }
    }

    private final String comment;
    private final Commands commands;
    private final Path routeLocalnet;
    private int port = -1;
    private boolean active;

    /** A redirect for the server {@code instanceId} that runs iptables with {@code commands}. */
    public HostRedirect(String instanceId, Commands commands, Path routeLocalnet) {
        this.comment = "ecsd:" + instanceId;
        this.commands = commands;
        this.routeLocalnet = routeLocalnet;
    }

    /** A redirect that runs {@code iptables} on this host. */
    public static HostRedirect onThisHost(String instanceId) {
        return new HostRedirect(instanceId, HostRedirect::exec, ROUTE_LOCALNET);
    }

    /**
     * Prepares the host to redirect to {@code listenerPort}; false, after one warning saying what is missing, when it
     * cannot (not root, no iptables, no route_localnet): the server runs on, but tasks cannot reach 169.254.170.2.
     */
    public synchronized boolean setUp(int listenerPort) {
        List<String> missing = new ArrayList<>();
        try {
            if (!"1".equals(Files.readString(routeLocalnet).trim())) {
                Files.writeString(routeLocalnet, "1\n");
            }
        } catch (IOException | RuntimeException e) {
            missing.add("cannot set net.ipv4.conf.all.route_localnet=1 (" + e.getMessage() + ")");
        }
        Commands.Result listed = iptables("-t", "nat", "-S", "PREROUTING");
        if (listed.exitCode() != 0) {
            missing.add("cannot use iptables (" + firstLine(listed.output()) + ")");
        }
        if (missing.isEmpty()) {
            deleteRules(listed.output(), this::isOwn);
            if (iptablesArgs("-C", GUARD).exitCode() != 0) {
                Commands.Result guard = iptablesArgs("-I", GUARD);
                if (guard.exitCode() != 0) {
                    missing.add("cannot add the INPUT rule that keeps other hosts off loopback ("
                            + firstLine(guard.output()) + ")");
                }
            }
            List<String> holdRule = hold(iptables("-S", "DOCKER-USER").exitCode() == 0 ? "DOCKER-USER" : "FORWARD");
            if (iptablesArgs("-C", holdRule).exitCode() != 0) {
                Commands.Result hold = iptablesArgs("-I", holdRule);
                if (hold.exitCode() != 0) {
                    LOG.warn("cannot add the rule that holds a container's first requests for {} until its "
                            + "redirect exists ({}): a container asking at once may miss the endpoint",
                            ENDPOINT_ADDRESS, firstLine(hold.output()));
                }
            }
        }
        if (!missing.isEmpty()) {
            LOG.warn("THE TASK ENDPOINT IS NOT REACHABLE FROM CONTAINERS: {}. Tasks will not reach {} (task role "
                    + "credentials, task metadata). The host needs root or CAP_NET_ADMIN for ecsd, iptables, and "
                    + "net.ipv4.conf.all.route_localnet=1. The endpoint still answers on 127.0.0.1:{}.",
                    String.join("; ", missing), ENDPOINT_ADDRESS, listenerPort);
            return false;
        }
        this.port = listenerPort;
        this.active = true;
        LOG.info("redirecting this server's task networks' requests for {}:80 to 127.0.0.1:{}", ENDPOINT_ADDRESS,
                listenerPort);
        return true;
    }

    public synchronized boolean isActive() {
        return active;
    }

    /** Sends {@code address}'s requests for the endpoint to this server's listener (replacing a leftover rule). */
    public synchronized void add(String address) {
        if (!active || address == null || address.isEmpty()) {
            return;
        }
        String source = address + "/32";
        deleteRules(iptables("-t", "nat", "-S", "PREROUTING").output(),
                line -> line.contains(" -s " + source + " ") && line.contains(" -d " + ENDPOINT_ADDRESS + "/32 ")
                        && line.contains(" --comment ecsd:"));
        Commands.Result added = iptablesArgs("-I", rule(source));
        if (added.exitCode() != 0) {
            LOG.warn("cannot redirect {} to the task endpoint: {}", address, firstLine(added.output()));
        }
    }

    /** Stops redirecting {@code address} (its container is gone). */
    public synchronized void remove(String address) {
        if (!active || address == null || address.isEmpty()) {
            return;
        }
        iptablesArgs("-D", rule(address + "/32"));
    }

    /** Deletes this server's rules; route_localnet and the shared guard stay (see the class comment). */
    @Override
    public synchronized void close() {
        if (!active) {
            return;
        }
        active = false;
        deleteRules(iptables("-t", "nat", "-S", "PREROUTING").output(), this::isOwn);
    }

    /**
     * Whether a rule is this server's: its comment exactly, since one server's regions have instance ids that
     * begin with the default region's ({@code <id>-<region>}) and each region's agent owns only its own rules.
     */
    private boolean isOwn(String line) {
        return line.contains(" --comment " + comment + " ");
    }

    private List<String> rule(String source) {
        return List.of("PREROUTING", "-t", "nat", "-s", source, "-d", ENDPOINT_ADDRESS + "/32", "-p", "tcp",
                "-m", "tcp", "--dport", "80", "-m", "comment", "--comment", comment, "-j", "DNAT",
                "--to-destination", "127.0.0.1:" + port);
    }

    /** Deletes the rules of {@code iptables -S} output that {@code which} picks. */
    private void deleteRules(String listed, Predicate<String> which) {
        for (String quoted : listed.split("\n")) {
            // iptables quotes a comment; ours have no spaces, so without the quotes each word is one argument
            String line = quoted.replace("\"", "").strip();
            if (line.startsWith("-A ") && which.test(line + " ")) {
                List<String> args = new ArrayList<>(List.of("-t", "nat", "-D"));
                args.addAll(List.of(line.substring(3).trim().split("\\s+")));
                iptables(args.toArray(String[]::new));
            }
        }
    }

    private Commands.Result iptablesArgs(String action, List<String> spec) {
        List<String> args = new ArrayList<>();
        int table = spec.indexOf("-t");
        if (table >= 0) {
            args.addAll(spec.subList(table, table + 2));
        }
        args.add(action);
        for (int i = 0; i < spec.size(); i++) {
            if (i == table) {
                i++;
                continue;
            }
            args.add(spec.get(i));
        }
        return iptables(args.toArray(String[]::new));
    }

    private Commands.Result iptables(String... args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "5"));
        command.addAll(List.of(args));
        return commands.run(command);
    }

    private static String firstLine(String output) {
        String line = output == null ? "" : output.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }

    private static Commands.Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Commands.Result(-1, command.getFirst() + " did not finish within 30 s");
            }
            return new Commands.Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Commands.Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Commands.Result(-1, "interrupted");
        }
    }
}

package dev.ecsd.lb;

import dev.ecsd.model.elb.ElbLoadBalancer;
import dev.ecsd.model.elb.Listener;
import dev.ecsd.model.elb.Target;
import dev.ecsd.model.elb.TargetGroup;
import dev.ecsd.model.elb.TargetGroupHealthCheck;
import dev.ecsd.model.elb.TargetHealthState;
import dev.ecsd.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancers' data plane: listeners that proxy HTTP to targets, and the health checks of those targets.
 * It is told the ELBv2 configuration (the control plane calls {@link #apply} on every change) and reports what
 * it sees through {@link PlaneEvents}; it never reads or writes the store itself.
 *
 * <p>Requests read an immutable {@link RoutingTable} that {@code apply} and health changes replace atomically.
 */
public final class LoadBalancerPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancerPlane.class);
    static final Duration BIND_RETRY = Duration.ofSeconds(5);
    private static final int MAX_CONCURRENT_CHECKS = 64;

    private final PlaneEvents events;
    private final QueuedThreadPool threads;
    private final Server server;
    private final HttpClient healthClient;
    private final ExecutorService checkThreads;
    private final ListenerPorts ports;
    private final HealthChecker checker;
    private final TargetLoads loads = new TargetLoads();
    private final RequestCounts requestCounts = new RequestCounts();
    private final RoutingTableBuilder builder = new RoutingTableBuilder(loads);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile RoutingTable table = RoutingTable.EMPTY;
    private ElbConfiguration configuration = ElbConfiguration.EMPTY;

    /** Starts serving nothing; listeners appear with the first {@link #apply}. {@code bindAddress} is where listeners bind. */
    public LoadBalancerPlane(String bindAddress, Timer timer, PlaneEvents events) {
        this.events = events;
        threads = new QueuedThreadPool(256, 4);
        threads.setName("ecsd-lb");
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // the target's own Date passes through; ecsd's answers add theirs
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(64 * 1024);
        try {
            threads.start();
            server = new Server(threads);
            server.setHandler(new ListenerHandler(() -> table, timer, threads, requestCounts));
            server.setErrorHandler(new AlbErrorHandler());
            server.start();
            healthClient = healthClient(threads);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the load balancer's data plane could not start: " + e, e);
        }
        checkThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ecsd-lb-health-", 0).factory());
        ports = new ListenerPorts(server, http, bindAddress, timer, events, BIND_RETRY);
        checker = new HealthChecker(timer, new HttpHealthProbe(healthClient), checkThreads, MAX_CONCURRENT_CHECKS,
                this::healthChanged);
    }

    /**
     * Makes listeners, routing and health checks match {@code newConfiguration}. Idempotent and cheap when
     * nothing changed. Once it returns, no new request goes to a target that is draining or gone. Called from
     * one control thread at a time.
     */
    public void apply(ElbConfiguration newConfiguration) {
        ListenerPorts.Reports reports;
        lock.lock();
        try {
            if (newConfiguration.equals(configuration)) {
                return;
            }
            configuration = newConfiguration;
            rebuildTable();
            reports = ports.update(wantedPorts(newConfiguration), refusedListeners(newConfiguration));
            checker.update(checkedTargets(newConfiguration));
        } finally {
            lock.unlock();
        }
        // outside the lock, so that whatever the control plane does with them cannot wait on the plane
        reports.deliver();
    }

    /** Requests in flight to a target now, counted from routing until the answer to the client is complete. */
    public int inFlight(String targetGroupArn, String id, int port) {
        return loads.inFlight(new TargetKey(targetGroupArn, id, port));
    }

    /** The requests forwarded since the plane started, per load balancer and target group (counters only grow). */
    public Map<RequestCounts.Key, RequestCounts.Counts> requestCounts() {
        return requestCounts.read();
    }

    /**
     * Every listener of the configuration that is not listening now, with the reason (the state to read after
     * {@link PlaneEvents#listenerPort} announced a change).
     */
    public Map<String, String> listenerFailures() {
        return ports.listenerFailures();
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.close();
        }
        if (ports != null) {
            ports.close();
        }
        if (checkThreads != null) {
            checkThreads.shutdownNow();
        }
        stopQuietly(healthClient);
        stopQuietly(server);
        stopQuietly(threads);
    }

    /** A check saw a change: requests follow it at once, then the control plane hears of it. */
    private void healthChanged(TargetKey key, HealthStatus status) {
        lock.lock();
        try {
            rebuildTable();
        } finally {
            lock.unlock();
        }
        try {
            events.healthChanged(key.targetGroupArn(), key.id(), key.port(), status.state(), status.reason(),
                    status.description());
        } catch (RuntimeException e) {
            LOG.warn("reporting the health of {} failed: {}", key, e.toString());
        }
    }

    private void rebuildTable() {
        Map<TargetKey, TargetHealthState> seen = checker == null ? Map.of() : checker.states();
        table = builder.build(configuration, key -> java.util.Optional.ofNullable(seen.get(key)));
    }

    private static Map<Integer, ListenerPorts.WantedPort> wantedPorts(ElbConfiguration configuration) {
        Map<String, ElbLoadBalancer> loadBalancers = new HashMap<>();
        configuration.loadBalancers().forEach(lb -> loadBalancers.put(lb.loadBalancerArn(), lb));
        Map<Integer, List<Listener>> byPort = new TreeMap<>();
        configuration.servedListeners().forEach(listener -> byPort.computeIfAbsent(listener.port(),
                k -> new ArrayList<>()).add(listener));
        Map<Integer, ListenerPorts.WantedPort> wanted = new HashMap<>();
        byPort.forEach((port, listeners) -> {
            int idleTimeout = listeners.stream()
                    .mapToInt(listener -> loadBalancers.get(listener.loadBalancerArn()).idleTimeoutSeconds())
                    .max().orElse(60);
            wanted.put(port, new ListenerPorts.WantedPort(port, idleTimeout,
                    listeners.stream().map(Listener::listenerArn).toList()));
        });
        return wanted;
    }

    private static List<ListenerPorts.RefusedListener> refusedListeners(ElbConfiguration configuration) {
        return configuration.unservedListeners().stream().map(listener -> new ListenerPorts.RefusedListener(
                listener.listenerArn(), listener.port(), "The " + listener.protocol() + " listener on port "
                        + listener.port() + " is not served: ecsd's load balancer serves HTTP listeners only"))
                .toList();
    }

    /** Every registered, non-draining target of a group some listener forwards to, when its group checks at all. */
    private static List<HealthChecker.CheckedTarget> checkedTargets(ElbConfiguration configuration) {
        Set<String> forwarded = configuration.forwardedTargetGroupArns();
        Map<String, TargetGroup> groups = new HashMap<>();
        configuration.targetGroups().forEach(group -> groups.put(group.targetGroupArn(), group));
        List<HealthChecker.CheckedTarget> checked = new ArrayList<>();
        for (Target target : configuration.targets()) {
            TargetGroup group = groups.get(target.targetGroupArn());
            if (group == null || !forwarded.contains(group.targetGroupArn()) || target.isDraining()
                    || group.healthCheck() == null || !group.healthCheck().enabled()) {
                continue;
            }
            checked.add(new HealthChecker.CheckedTarget(TargetKey.of(target), RoutableTarget.hostOf(target.id()),
                    checkPort(group.healthCheck(), target), group.healthCheck(),
                    new HealthStatus(target.state(), target.reason(), target.description())));
        }
        return checked;
    }

    private static int checkPort(TargetGroupHealthCheck check, Target target) {
        if (check.port() == null || TargetGroupHealthCheck.TRAFFIC_PORT.equals(check.port())) {
            return target.port();
        }
        try {
            return Integer.parseInt(check.port());
        } catch (NumberFormatException e) {
            return target.port();
        }
    }

    private static HttpClient healthClient(QueuedThreadPool threads) throws Exception {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "ELB-HealthChecker/2.0"));
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setConnectTimeout(10_000);
        client.setMaxConnectionsPerDestination(8);
        client.start();
        // no Accept-Encoding: a check reads no body worth decoding
        client.getContentDecoderFactories().clear();
        return client;
    }

    private static void stopQuietly(org.eclipse.jetty.util.component.LifeCycle component) {
        if (component == null) {
            return;
        }
        try {
            component.stop();
        } catch (Exception e) {
            LOG.debug("stopping {}: {}", component, e.toString());
        }
    }
}

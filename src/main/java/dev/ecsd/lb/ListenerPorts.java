package dev.ecsd.lb;

import dev.ecsd.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening sockets: one Jetty connector per port, whatever number of listeners share it. A port is opened
 * or closed on its own, without touching the others. A port that cannot be bound is reported for each of its
 * listeners and tried again on the timer until it binds or is no longer wanted.
 */
final class ListenerPorts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerPorts.class);

    /**
     * A port to serve: the listeners on it, and how long a client connection may stay idle (the longest idle
     * timeout of the load balancers there; a request waiting for its target is not idle).
     */
    record WantedPort(int port, int idleTimeoutSeconds, List<String> listenerArns) {
    }

    /** A listener the plane does not serve, with the reason to report for it. */
    record RefusedListener(String listenerArn, int port, String reason) {
    }

    private record Report(String listenerArn, int port, String failureReason) {
    }

    /** Listener reports not delivered yet. */
    final class Reports {
        private final List<Report> reports;

        private Reports(List<Report> reports) {
            this.reports = reports;
        }

        void deliver() {
            ListenerPorts.this.deliver(reports);
        }
    }

    private final Server server;
    private final HttpConfiguration httpConfiguration;
    private final String bindAddress;
    private final Timer timer;
    private final PlaneEvents events;
    private final Duration retryEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, ServerConnector> open = new TreeMap<>();
    private final Map<Integer, String> failures = new TreeMap<>();
    private Map<Integer, WantedPort> wanted = Map.of();
    private List<RefusedListener> refused = List.of();
    private final Map<String, Report> reported = new HashMap<>();
    private Timer.Scheduled retry;
    private boolean closed;

    ListenerPorts(Server server, HttpConfiguration httpConfiguration, String bindAddress, Timer timer,
            PlaneEvents events, Duration retryEvery) {
        this.server = server;
        this.httpConfiguration = httpConfiguration;
        this.bindAddress = bindAddress;
        this.timer = timer;
        this.events = events;
        this.retryEvery = retryEvery;
    }

    /**
     * Opens and closes ports to serve exactly {@code newWanted}. Answers the reports this causes, to be delivered
     * with {@link Reports#deliver()} once the caller holds no lock.
     */
    Reports update(Map<Integer, WantedPort> newWanted, List<RefusedListener> newRefused) {
        List<Report> reports;
        lock.lock();
        try {
            if (closed) {
                return new Reports(List.of());
            }
            wanted = Map.copyOf(newWanted);
            refused = List.copyOf(newRefused);
            for (Integer port : new ArrayList<>(open.keySet())) {
                if (!wanted.containsKey(port)) {
                    closePort(port);
                }
            }
            failures.keySet().retainAll(wanted.keySet());
            for (WantedPort port : wanted.values()) {
                ServerConnector connector = open.get(port.port());
                if (connector != null) {
                    connector.setIdleTimeout(idleTimeoutMillis(port));
                } else {
                    bind(port);
                }
            }
            planRetry();
            reports = reportsLocked();
        } finally {
            lock.unlock();
        }
        return new Reports(reports);
    }

    /** Every served listener that is not listening now, with why: its port cannot be bound, or it is refused. */
    Map<String, String> listenerFailures() {
        lock.lock();
        try {
            Map<String, String> failing = new HashMap<>();
            for (WantedPort port : wanted.values()) {
                String failure = failures.get(port.port());
                if (failure != null) {
                    port.listenerArns().forEach(listenerArn -> failing.put(listenerArn, failure));
                }
            }
            refused.forEach(listener -> failing.put(listener.listenerArn(), listener.reason()));
            return Map.copyOf(failing);
        } finally {
            lock.unlock();
        }
    }

    /** The ports bound now. */
    Set<Integer> openPorts() {
        lock.lock();
        try {
            return Set.copyOf(open.keySet());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (retry != null) {
                retry.cancel();
            }
            new ArrayList<>(open.keySet()).forEach(this::closePort);
        } finally {
            lock.unlock();
        }
    }

    private void bind(WantedPort port) {
        ServerConnector connector = new ServerConnector(server, 0, -1, new HttpConnectionFactory(httpConfiguration));
        connector.setHost(bindAddress);
        connector.setPort(port.port());
        connector.setIdleTimeout(idleTimeoutMillis(port));
        connector.setName("listener-" + port.port());
        try {
            connector.open();
            server.addConnector(connector);
            if (!connector.isStarted()) {
                connector.start();
            }
            open.put(port.port(), connector);
            if (failures.remove(port.port()) != null) {
                LOG.info("listener port {} on {} is bound now", port.port(), bindAddress);
            }
        } catch (Exception e) {
            server.removeConnector(connector);
            stopQuietly(connector);
            String reason = "Port " + port.port() + " on " + bindAddress + " could not be bound: " + rootMessage(e);
            if (!reason.equals(failures.put(port.port(), reason))) {
                LOG.warn("{} (trying again every {} s)", reason, retryEvery.toSeconds());
            }
        }
    }

    private void closePort(int port) {
        ServerConnector connector = open.remove(port);
        server.removeConnector(connector);
        stopQuietly(connector);
    }

    private static void stopQuietly(ServerConnector connector) {
        try {
            connector.stop();
        } catch (Exception e) {
            LOG.debug("closing listener port {}: {}", connector.getPort(), e.toString());
        }
    }

    private void planRetry() {
        if (!failures.isEmpty() && retry == null && !closed) {
            // the timer only wakes a thread: binding takes the lock, which apply() may hold
            retry = timer.scheduleAfter(retryEvery, () -> Thread.ofVirtual().name("ecsd-lb-bind").start(this::retry));
        }
    }

    private void retry() {
        List<Report> reports;
        lock.lock();
        try {
            retry = null;
            if (closed) {
                return;
            }
            for (Integer port : new ArrayList<>(failures.keySet())) {
                WantedPort wantedPort = wanted.get(port);
                if (wantedPort != null && !open.containsKey(port)) {
                    bind(wantedPort);
                }
            }
            planRetry();
            reports = reportsLocked();
        } finally {
            lock.unlock();
        }
        deliver(reports);
    }

    /** Each listener whose port status differs from what was last reported for it (or was never reported). */
    private List<Report> reportsLocked() {
        List<Report> reports = new ArrayList<>();
        Set<String> current = new HashSet<>();
        List<Report> now = new ArrayList<>();
        for (WantedPort port : wanted.values()) {
            for (String listenerArn : port.listenerArns()) {
                now.add(new Report(listenerArn, port.port(), failures.get(port.port())));
            }
        }
        refused.forEach(listener -> now.add(new Report(listener.listenerArn(), listener.port(), listener.reason())));
        for (Report report : now) {
            current.add(report.listenerArn());
            if (!Objects.equals(reported.get(report.listenerArn()), report)) {
                reported.put(report.listenerArn(), report);
                reports.add(report);
            }
        }
        reported.keySet().retainAll(current);
        return reports;
    }

    private void deliver(List<Report> reports) {
        for (Report report : reports) {
            try {
                events.listenerPort(report.listenerArn(), report.port(), report.failureReason());
            } catch (RuntimeException e) {
                LOG.warn("reporting listener {}'s port failed: {}", report.listenerArn(), e.toString());
            }
        }
    }

    private static long idleTimeoutMillis(WantedPort port) {
        return port.idleTimeoutSeconds() * 1000L;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

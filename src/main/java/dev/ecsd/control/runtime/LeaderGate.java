package dev.ecsd.control.runtime;

/**
 * Whether this process may reconcile: only the leader of a replicated control plane runs controllers. It is read
 * before every key is taken, under the controller's lock, so it must answer at once (read a volatile, no I/O).
 * When the answer changes, tell the runtime with {@link ControllerRuntime#leadershipChanged()}.
 */
@FunctionalInterface
public interface LeaderGate {

    boolean isOpen();

    /** A single process is always its own leader. */
    static LeaderGate alwaysOpen() {
        return () -> true;
    }
}

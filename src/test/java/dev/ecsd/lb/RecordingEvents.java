package dev.ecsd.lb;

import dev.ecsd.model.elb.TargetHealthState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event the plane reports, in order. */
final class RecordingEvents implements PlaneEvents {
    record HealthChange(String targetGroupArn, String id, int port, TargetHealthState state, String reason,
            String description) {
    }

    record PortReport(String listenerArn, int port, String failureReason) {
    }

    final List<HealthChange> healthChanges = new CopyOnWriteArrayList<>();
    final List<PortReport> portReports = new CopyOnWriteArrayList<>();

    @Override
    public void healthChanged(String targetGroupArn, String id, int port, TargetHealthState state, String reason,
            String description) {
        healthChanges.add(new HealthChange(targetGroupArn, id, port, state, reason, description));
    }

    @Override
    public void listenerPort(String listenerArn, int port, String failureReason) {
        portReports.add(new PortReport(listenerArn, port, failureReason));
    }

    /** The latest health reported for a target. */
    Optional<HealthChange> latest(int port) {
        return healthChanges.reversed().stream().filter(change -> change.port() == port).findFirst();
    }

    Optional<PortReport> latestPortReport(String listenerArn) {
        return portReports.reversed().stream().filter(report -> report.listenerArn().equals(listenerArn)).findFirst();
    }
}

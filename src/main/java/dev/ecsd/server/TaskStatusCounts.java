package dev.ecsd.server;

import dev.ecsd.model.Task;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A region's tasks by last status, for the {@code ecsd_tasks} gauge. The store keeps no index by status, so the
 * tasks are counted, but only when the task table changed since the last count (its identity token): a scrape of
 * an idle server with 100,000 tasks costs a map lookup, and a busy one one pass per scrape.
 */
final class TaskStatusCounts implements Supplier<Map<String, Long>> {
    static final List<String> STATUSES = Arrays.stream(TaskStatus.values()).map(Enum::name).toList();

    private final Supplier<Snapshot> snapshots;
    private Object countedTable;
    private Map<String, Long> counts = Map.of();

    TaskStatusCounts(Supplier<Snapshot> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public synchronized Map<String, Long> get() {
        Snapshot snapshot = snapshots.get();
        Object table = snapshot.tableToken(Kind.TASK);
        if (table != countedTable || counts.isEmpty()) {
            counts = count(snapshot);
            countedTable = table;
        }
        return counts;
    }

    static Map<String, Long> count(Snapshot snapshot) {
        long[] byStatus = new long[TaskStatus.values().length];
        snapshot.all(Kind.TASK).map(Task::lastStatus).forEach(status -> byStatus[status.ordinal()]++);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status.name(), byStatus[status.ordinal()]);
        }
        return counts;
    }
}

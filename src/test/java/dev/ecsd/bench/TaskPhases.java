package dev.ecsd.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Where the time of a service's start went, as its tasks record it: launched by the scheduler (createdAt), task
 * network ready (pullStartedAt: the pause container runs), image found (pullStoppedAt), containers running
 * (startedAt), each as first, median and last of the tasks, in seconds from the request.
 */
final class TaskPhases {
    private TaskPhases() {
    }

    /** The phases of {@code tasks} as a small table, one phase a line. */
    static String format(Instant from, List<Task> tasks) {
        StringBuilder table = new StringBuilder(String.format("  seconds from the request      first  median    last%n"));
        phase(table, "launched by the scheduler", from, tasks, Task::createdAt);
        phase(table, "task network up", from, tasks, Task::pullStartedAt);
        phase(table, "image ready", from, tasks, Task::pullStoppedAt);
        phase(table, "RUNNING", from, tasks, Task::startedAt);
        return table.toString();
    }

    /** The tasks of a service whose desired status is {@code status}, described. */
    static List<Task> tasks(EcsClient ecs, String cluster, String service, DesiredStatus status) {
        List<String> arns = ecs.listTasksPaginator(r -> r.cluster(cluster).serviceName(service).desiredStatus(status))
                .taskArns().stream().toList();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += 100) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + 100));
            tasks.addAll(ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks());
        }
        return tasks;
    }

    private static void phase(StringBuilder table, String name, Instant from, List<Task> tasks,
            Function<Task, Instant> at) {
        List<Double> sorted = tasks.stream().map(at).filter(Objects::nonNull)
                .map(instant -> Duration.between(from, instant).toMillis() / 1000.0).sorted().toList();
        if (!sorted.isEmpty()) {
            table.append(String.format("  %-28s %6.2f  %6.2f  %6.2f%n", name, sorted.getFirst(),
                    sorted.get(sorted.size() / 2), sorted.getLast()));
        }
    }
}

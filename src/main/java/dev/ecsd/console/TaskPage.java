package dev.ecsd.console;

import dev.ecsd.control.TaskCommands;
import dev.ecsd.model.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A task's page: its timeline, why it stopped, its containers with their ports and exit codes, the tail of a
 * container's CloudWatch Logs stream (live), and a stop button that stops it through the API's own command.
 */
public final class TaskPage {
    static final String STATUS_PART = "task_status";
    static final String LOGS_PART = "task_logs";

    private final ConsolePages pages;

    TaskPage(ConsolePages pages) {
        this.pages = pages;
    }

    /** A container whose log can be shown, and the page's address showing it. */
    public record LogChoice(String container, String href, boolean selected) {
    }

    void register(ConsoleRoutes routes) {
        routes.get("/ui/r/{region}/clusters/{cluster}/tasks/{task}", this::show)
                .post("/ui/r/{region}/clusters/{cluster}/tasks/{task}/stop", this::stop);
    }

    private ConsoleAnswer show(ConsoleRequest request) {
        Optional<ConsoleRegion> found = pages.regions().region(request.var("region"));
        if (found.isEmpty()) {
            return pages.notFound(request, "This server has no region " + request.var("region") + ".");
        }
        ConsoleRegion region = found.get();
        String cluster = request.var("cluster");
        Optional<TaskView> view = TaskView.of(region.store().snapshot(), region.arns(), cluster, request.var("task"));
        if (view.isEmpty()) {
            return pages.notFound(request, "The cluster " + cluster + " of " + region.name() + " has no task "
                    + request.var("task") + ": stopped tasks are forgotten an hour after they stop, as in ECS.");
        }
        TaskView task = view.get();
        Map<String, Object> params = new HashMap<>();
        params.put("page", context(request, task));
        params.put("task", task);
        List<TaskView.ContainerView> logged = task.containers().stream().filter(c -> c.log() != null).toList();
        String wanted = request.query("log");
        TaskView.ContainerView shown = logged.stream().filter(c -> c.name().equals(wanted)).findFirst()
                .orElse(logged.isEmpty() ? null : logged.getFirst());
        List<LogChoice> choices = new ArrayList<>();
        String here = ConsolePaths.task(task.region(), task.cluster(), task.taskId());
        for (TaskView.ContainerView container : logged) {
            choices.add(new LogChoice(container.name(), here + "?log=" + encode(container.name()),
                    container == shown));
        }
        params.put("logChoices", choices);
        boolean logsWanted = request.part() == null || LOGS_PART.equals(request.part());
        params.put("tail", shown == null || !logsWanted ? null
                : TaskLogTail.read(region.logs(), shown.log(), TaskLogTail.LIMIT));
        return pages.page(request, "task.jte", params, Set.of(STATUS_PART, LOGS_PART));
    }

    private PageContext context(ConsoleRequest request, TaskView task) {
        PageContext page = pages.context(request, task.region(), "Task " + task.taskId())
                .crumb(task.cluster(), ConsolePaths.cluster(task.region(), task.cluster()));
        return task.groupHref() == null ? page
                : page.crumb(task.group().substring("service:".length()), task.groupHref());
    }

    private ConsoleAnswer stop(ConsoleRequest request) {
        Optional<ConsoleRegion> found = pages.regions().region(request.var("region"));
        if (found.isEmpty()) {
            return pages.notFound(request, "This server has no region " + request.var("region") + ".");
        }
        ConsoleRegion region = found.get();
        String cluster = request.var("cluster");
        String taskId = request.var("task");
        String page = ConsolePaths.task(region.name(), cluster, taskId);
        String reason = request.form("reason") == null ? null : request.form("reason").strip();
        try {
            TaskCommands.stop(region.store(), region.arns().cluster(cluster), region.arns().task(cluster, taskId),
                    reason);
        } catch (ApiException e) {
            return ConsoleAnswer.seeOther(page + "?error=" + encode(e.getMessage()));
        }
        String said = reason == null || reason.isEmpty() ? "" : " (" + reason + ")";
        return ConsoleAnswer.seeOther(page + "?done=" + encode("Stopping task " + taskId + said
                + ": its containers are told to stop, and it is STOPPED once they have."));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

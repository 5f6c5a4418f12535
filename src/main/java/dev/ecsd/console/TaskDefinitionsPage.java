package dev.ecsd.console;

import dev.ecsd.control.TaskDefinitionCommands;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.state.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task definition pages of a region: its families, a family's revisions, and a revision's JSON with its diff
 * from another revision; a revision is deregistered from its page through the API's own command.
 */
public final class TaskDefinitionsPage {
    private final ConsolePages pages;

    TaskDefinitionsPage(ConsolePages pages) {
        this.pages = pages;
    }

    void register(ConsoleRoutes routes) {
        routes.get("/ui/r/{region}/task-definitions", this::families)
                .get("/ui/r/{region}/task-definitions/{family}", this::family)
                .get("/ui/r/{region}/task-definitions/{family}/{revision}", this::revision)
                .post("/ui/r/{region}/task-definitions/{family}/{revision}/deregister", this::deregister);
    }

    private ConsoleAnswer families(ConsoleRequest request) {
        Optional<ConsoleRegion> region = region(request);
        if (region.isEmpty()) {
            return noRegion(request);
        }
        String name = region.get().name();
        List<TaskDefinitionViews.FamilyRow> families = TaskDefinitionViews.families(
                region.get().store().snapshot().all(Kind.TASK_DEFINITION), name);
        PageContext page = pages.context(request, name, "Task definitions");
        return pages.page(request, "task_definitions.jte", Map.of("page", page, "families", families,
                "region", name), Set.of());
    }

    private ConsoleAnswer family(ConsoleRequest request) {
        Optional<ConsoleRegion> region = region(request);
        if (region.isEmpty()) {
            return noRegion(request);
        }
        String name = region.get().name();
        String family = request.var("family");
        List<TaskDefinitionViews.RevisionRow> revisions = TaskDefinitionViews.revisions(
                region.get().store().snapshot().all(Kind.TASK_DEFINITION).toList(), name, family);
        if (revisions.isEmpty()) {
            return pages.notFound(request, "The region " + name + " has no task definition family " + family + ".");
        }
        PageContext page = pages.context(request, name, family)
                .crumb("Task definitions", ConsolePaths.taskDefinitions(name));
        return pages.page(request, "task_definition_family.jte", Map.of("page", page, "family", family,
                "revisions", revisions), Set.of());
    }

    private ConsoleAnswer revision(ConsoleRequest request) {
        Optional<ConsoleRegion> region = region(request);
        Integer revision = number(request.var("revision"));
        if (region.isEmpty()) {
            return noRegion(request);
        }
        String name = region.get().name();
        String family = request.var("family");
        List<TaskDefinition> all = region.get().store().snapshot().all(Kind.TASK_DEFINITION).toList();
        Optional<TaskDefinitionViews.RevisionView> view = revision == null ? Optional.empty()
                : TaskDefinitionViews.revision(all, name, family, revision, number(request.query("compare")));
        if (view.isEmpty()) {
            return pages.notFound(request, "The region " + name + " has no task definition " + family + ":"
                    + request.var("revision") + ".");
        }
        PageContext page = pages.context(request, name, family + ":" + revision)
                .crumb("Task definitions", ConsolePaths.taskDefinitions(name))
                .crumb(family, ConsolePaths.family(name, family));
        return pages.page(request, "task_definition_revision.jte", Map.of("page", page, "view", view.get()),
                Set.of());
    }

    private ConsoleAnswer deregister(ConsoleRequest request) {
        Optional<ConsoleRegion> region = region(request);
        Integer revision = number(request.var("revision"));
        if (region.isEmpty()) {
            return noRegion(request);
        }
        if (revision == null) {
            return pages.notFound(request, "A revision is a number, not " + request.var("revision") + ".");
        }
        String family = request.var("family");
        String page = ConsolePaths.revision(region.get().name(), family, revision);
        try {
            TaskDefinitionCommands.deregister(region.get().store(),
                    region.get().arns().taskDefinition(family, revision));
        } catch (ApiException e) {
            return ConsoleAnswer.seeOther(page + "?error=" + TaskPage.encode(e.getMessage()));
        }
        return ConsoleAnswer.seeOther(page + "?done=" + TaskPage.encode("Deregistered " + family + ":" + revision
                + ": it is INACTIVE. The tasks and services that use it go on (and services still scale), but no new "
                + "task or service can start from it."));
    }

    private Optional<ConsoleRegion> region(ConsoleRequest request) {
        return pages.regions().region(request.var("region"));
    }

    private ConsoleAnswer noRegion(ConsoleRequest request) {
        return pages.notFound(request, "This server has no region " + request.var("region") + ".");
    }

    /** A revision number from a path or a query, or null when it is not one. */
    static Integer number(String value) {
        if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(value);
    }
}

package dev.ecsd.console;

import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the task definition pages show, from a region's revisions: the families, a family's revisions, a revision. */
public final class TaskDefinitionViews {
    private TaskDefinitionViews() {
    }

    /** A family's line: its latest ACTIVE revision (null when none is) and how many revisions it has of each kind. */
    public record FamilyRow(String family, Integer latestActive, String latestHref, int active, int revisions,
            Instant lastRegisteredAt, String href) {
    }

    /** A revision's line. */
    public record RevisionRow(int revision, String status, Instant registeredAt, Instant deregisteredAt,
            String href) {
    }

    /** One revision: its JSON, its neighbours, and its diff from another revision when one is asked for. */
    public record RevisionView(String region, String family, int revision, String status, Instant registeredAt,
            Instant deregisteredAt, String json, List<RevisionRow> others, Integer compareWith,
            List<LineDiff.Line> diff, boolean active) {

        /** Whether the compared revisions differ. */
        public boolean changed() {
            return diff != null && LineDiff.changed(diff);
        }
    }

    /** Every family of the region's revisions ({@code all}), by name. */
    public static List<FamilyRow> families(Stream<TaskDefinition> all, String region) {
        Map<String, List<TaskDefinition>> byFamily = all
                .collect(Collectors.groupingBy(TaskDefinition::family, TreeMap::new, Collectors.toList()));
        List<FamilyRow> rows = new ArrayList<>();
        byFamily.forEach((family, revisions) -> {
            Optional<TaskDefinition> latest = revisions.stream()
                    .filter(d -> d.status() == TaskDefinitionStatus.ACTIVE)
                    .max(Comparator.comparingInt(TaskDefinition::revision));
            Instant last = revisions.stream().map(TaskDefinition::registeredAt).filter(at -> at != null)
                    .max(Comparator.naturalOrder()).orElse(null);
            rows.add(new FamilyRow(family, latest.map(TaskDefinition::revision).orElse(null),
                    latest.map(d -> ConsolePaths.revision(region, family, d.revision())).orElse(null),
                    (int) revisions.stream().filter(d -> d.status() == TaskDefinitionStatus.ACTIVE).count(),
                    revisions.size(), last, ConsolePaths.family(region, family)));
        });
        return List.copyOf(rows);
    }

    /** A family's revisions, newest first; empty when the region has no such family. */
    public static List<RevisionRow> revisions(List<TaskDefinition> all, String region, String family) {
        return revisionsOf(all, family).stream()
                .sorted(Comparator.comparingInt(TaskDefinition::revision).reversed())
                .map(d -> new RevisionRow(d.revision(), d.status().name(), d.registeredAt(), d.deregisteredAt(),
                        ConsolePaths.revision(region, family, d.revision())))
                .toList();
    }

    /**
     * A revision, and its diff from revision {@code compareWith} (the older text being the one compared with) when
     * that is given and exists.
     */
    public static Optional<RevisionView> revision(List<TaskDefinition> all, String region, String family,
            int revision, Integer compareWith) {
        List<TaskDefinition> revisions = revisionsOf(all, family);
        Optional<TaskDefinition> found = revisions.stream().filter(d -> d.revision() == revision).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TaskDefinition definition = found.get();
        String json = TaskDefinitionJson.pretty(definition);
        TaskDefinition other = compareWith == null ? null
                : revisions.stream().filter(d -> d.revision().equals(compareWith)).findFirst().orElse(null);
        List<LineDiff.Line> diff = other == null ? null : LineDiff.of(TaskDefinitionJson.pretty(other), json);
        List<RevisionRow> others = revisions(revisions, region, family).stream()
                .filter(row -> row.revision() != revision).toList();
        return Optional.of(new RevisionView(region, family, revision, definition.status().name(),
                definition.registeredAt(), definition.deregisteredAt(), json, others,
                other == null ? null : other.revision(), diff, definition.status() == TaskDefinitionStatus.ACTIVE));
    }

    private static List<TaskDefinition> revisionsOf(List<TaskDefinition> all, String family) {
        return all.stream().filter(d -> d.family().equals(family)).toList();
    }
}

package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.model.ModelJson;
import dev.ecsd.model.TaskDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDefinitionViewsTest {
    private static TaskDefinition revision(int revision, String status, String cpu) {
        return ModelJson.read("""
                {"taskDefinitionArn": "arn:aws:ecs:us-east-1:000000000000:task-definition/web:%d",
                 "family": "web", "revision": %d, "status": "%s", "cpu": "%s", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "nginx", "portMappings": [{"containerPort": 80}],
                   "volumesFrom": [],
                   "secrets": [{"name": "TOKEN", "valueFrom": "arn:aws:ssm:us-east-1:000000000000:parameter/token"}]}],
                 "registeredAt": %d.5, "tags": [{"key": "team", "value": "a"}]}
                """.formatted(revision, revision, status, cpu, 1_764_925_200 + revision), TaskDefinition.class);
    }

    @Test
    void theJsonIsDescribeTaskDefinitionsOneMemberALineWithIsoTimesAndNoTags() {
        String json = TaskDefinitionJson.pretty(revision(1, "ACTIVE", "256"));

        assertThat(json).contains("\n  \"family\": \"web\",\n")
                .contains("\"registeredAt\": \"2025-12-05T09:00:01.500Z\"")
                .contains("\"containerPort\": 80").contains("\"volumesFrom\": []").doesNotContain("\"tags\"").doesNotContain("team");
        assertThat(json).as("a secret is where it comes from, never a value")
                .contains("\"valueFrom\": \"arn:aws:ssm:us-east-1:000000000000:parameter/token\"");
        assertThat(json.lines()).anyMatch(line -> line.strip().equals("\"cpu\": \"256\","));
    }

    @Test
    void familiesShowTheirLatestActiveRevision() {
        List<TaskDefinition> all = List.of(revision(1, "ACTIVE", "256"), revision(2, "ACTIVE", "512"),
                revision(3, "INACTIVE", "1024"));

        List<TaskDefinitionViews.FamilyRow> rows = TaskDefinitionViews.families(all.stream(), "us-east-1");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.family()).isEqualTo("web");
            assertThat(row.latestActive()).isEqualTo(2);
            assertThat(row.latestHref()).isEqualTo("/ui/r/us-east-1/task-definitions/web/2");
            assertThat(row.active()).isEqualTo(2);
            assertThat(row.revisions()).isEqualTo(3);
        });
    }

    @Test
    void aRevisionComparedWithAnotherMarksTheChangedLine() {
        List<TaskDefinition> all = List.of(revision(1, "ACTIVE", "256"), revision(2, "ACTIVE", "512"));

        TaskDefinitionViews.RevisionView view = TaskDefinitionViews.revision(all, "us-east-1", "web", 2, 1)
                .orElseThrow();

        assertThat(view.compareWith()).isEqualTo(1);
        assertThat(view.changed()).isTrue();
        assertThat(view.diff()).filteredOn(line -> line.kind() != LineDiff.Kind.SAME)
                .extracting(line -> line.kind().mark() + line.text().strip())
                .contains("-\"cpu\": \"256\",", "+\"cpu\": \"512\",");
        assertThat(view.others()).extracting(TaskDefinitionViews.RevisionRow::revision).containsExactly(1);
        assertThat(TaskDefinitionViews.revision(all, "us-east-1", "web", 2, 7).orElseThrow().diff())
                .as("no such revision to compare with").isNull();
        assertThat(TaskDefinitionViews.revision(all, "us-east-1", "web", 9, null)).isEmpty();
    }
}

package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.logs.LogSink;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ModelJson;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLogTailTest {
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    private static ContainerDefinition container(String name, String logConfiguration) {
        return ModelJson.read("{\"name\":\"" + name + "\",\"image\":\"busybox\""
                + (logConfiguration == null ? "" : ",\"logConfiguration\":" + logConfiguration) + "}",
                ContainerDefinition.class);
    }

    @Test
    void aStreamUnderAPrefixIsNamedAsEcsNamesIt() {
        ContainerDefinition web = container("web", "{\"logDriver\":\"awslogs\",\"options\":{"
                + "\"awslogs-group\":\"/ecs/web\",\"awslogs-region\":\"us-east-1\","
                + "\"awslogs-stream-prefix\":\"ecs\"}}");

        assertThat(TaskLogTail.source(web, "0123456789abcdef", "c0ffee"))
                .contains(new TaskLogTail.Source("web", "/ecs/web", "ecs/web/0123456789abcdef"));
        assertThat(TaskLogTail.streamName("app", "worker", "t1")).isEqualTo("app/worker/t1");
    }

    @Test
    void withoutAPrefixTheStreamIsTheContainersIdOnceItHasOne() {
        ContainerDefinition web = container("web",
                "{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/web\"}}");

        assertThat(TaskLogTail.source(web, "t1", "c0ffee")).map(TaskLogTail.Source::stream).contains("c0ffee");
        assertThat(TaskLogTail.source(web, "t1", null))
                .hasValueSatisfying(source -> assertThat(source.stream()).isNull());
    }

    @Test
    void aContainerWithoutAwslogsHasNoLogHere() {
        assertThat(TaskLogTail.source(container("web", null), "t1", "c0ffee")).isEmpty();
        assertThat(TaskLogTail.source(container("web", "{\"logDriver\":\"json-file\",\"options\":{}}"), "t1", "c"))
                .isEmpty();
    }

    @Test
    void theTailIsTheNewestEventsOldestFirst(@TempDir Path directory) {
        try (SqliteLogStore logs = SqliteLogStore.open(directory.resolve("logs.db"), () -> NOW)) {
            logs.createGroup("/ecs/web", Map.of(), false);
            logs.createStream("/ecs/web", "ecs/web/t1");
            List<LogSink.Event> events = new ArrayList<>();
            for (int i = 1; i <= 250; i++) {
                events.add(new LogSink.Event(NOW.toEpochMilli() - 1_000 + i, "line " + i));
            }
            logs.appendEvents("/ecs/web", "ecs/web/t1", events);

            TaskLogTail.Tail tail = TaskLogTail.read(logs, new TaskLogTail.Source("web", "/ecs/web", "ecs/web/t1"),
                    TaskLogTail.LIMIT);

            assertThat(tail.lines()).hasSize(200);
            assertThat(tail.lines().getFirst().message()).isEqualTo("line 51");
            assertThat(tail.lines().getLast().message()).isEqualTo("line 250");
            assertThat(tail.lines().getLast().time()).isEqualTo("08:59:59.250");
            assertThat(tail.empty()).isNull();
        }
    }

    @Test
    void aStreamNotMadeYetIsAnEmptyTailThatSaysSo(@TempDir Path directory) {
        try (SqliteLogStore logs = SqliteLogStore.open(directory.resolve("logs.db"), () -> NOW)) {
            logs.createGroup("/ecs/web", Map.of(), false);

            TaskLogTail.Tail tail = TaskLogTail.read(logs, new TaskLogTail.Source("web", "/ecs/web", "ecs/web/t1"),
                    TaskLogTail.LIMIT);
            TaskLogTail.Tail noGroup = TaskLogTail.read(logs,
                    new TaskLogTail.Source("web", "/ecs/missing", "ecs/web/t1"), TaskLogTail.LIMIT);

            assertThat(tail.lines()).isEmpty();
            assertThat(tail.empty()).contains("No log stream ecs/web/t1 in log group /ecs/web yet");
            assertThat(noGroup.empty()).contains("/ecs/missing");
        }
    }
}

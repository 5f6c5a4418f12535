package dev.ecsd.api.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.ServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** An acknowledged PutLogEvents survives the server being killed with SIGKILL. */
class LogsDurabilityIT {
    @Test
    void everyAcknowledgedEventIsThereAfterAKill9() {
        List<String> acknowledged = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (ServerProcess server = ServerProcess.start()) {
            try (CloudWatchLogsClient logs = server.logs()) {
                logs.createLogGroup(r -> r.logGroupName("/ecs/durable"));
            logs.createLogStream(r -> r.logGroupName("/ecs/durable").logStreamName("app/1"));
            for (int batch = 0; batch < 40; batch++) {
                int first = batch * 50;
                List<InputLogEvent> events = IntStream.range(first, first + 50)
                        .mapToObj(i -> InputLogEvent.builder().timestamp(now + i).message("line " + i).build())
                        .toList();
                logs.putLogEvents(r -> r.logGroupName("/ecs/durable").logStreamName("app/1").logEvents(events));
                events.forEach(event -> acknowledged.add(event.message()));
            }
            }
            // Killed right after the last acknowledgement: nothing gets a chance to flush or close.
            server.kill9();
            server.restart();
            try (CloudWatchLogsClient logs = server.logs()) {
            List<String> read = logs.getLogEventsPaginator(r -> r.logGroupName("/ecs/durable").logStreamName("app/1")
                    .startFromHead(true)).events().stream().map(OutputLogEvent::message).toList();
            assertThat(read).isEqualTo(acknowledged);
            LogStream stream = logs.describeLogStreams(r -> r.logGroupName("/ecs/durable")).logStreams().getFirst();
            assertThat(stream.lastEventTimestamp()).isEqualTo(now + 1_999);
            }
        }
    }
}

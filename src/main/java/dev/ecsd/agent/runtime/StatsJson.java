package dev.ecsd.agent.runtime;

import dev.ecsd.agent.runtime.ContainerRuntime.ContainerStats;
import java.util.Locale;

/** A {@link ContainerStats} written in the Docker Engine's stats JSON, with the fields a runtime without one knows. */
final class StatsJson {
    private StatsJson() {
    }

    static String of(ContainerStats stats) {
        long total = Math.max(0, stats.cpuTotalNanos());
        return String.format(Locale.ROOT, "{\"read\":\"%s\","
                        + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":%d},\"online_cpus\":1},"
                        + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0}},"
                        + "\"memory_stats\":{\"usage\":%d,\"limit\":%d}}",
                stats.readAt(), total, stats.memoryBytes(), stats.memoryLimitBytes());
    }
}

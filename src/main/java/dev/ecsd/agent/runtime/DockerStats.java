package dev.ecsd.agent.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import dev.ecsd.agent.runtime.ContainerRuntime.ContainerStats;
import java.time.Instant;
import java.util.Optional;

/** Reads one engine stats sample the way {@code docker stats} does. */
final class DockerStats {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private DockerStats() {
    }

    /** The sample as the engine wrote it: docker-java's model carries the engine's field names. */
    static String json(Statistics sample) {
        try {
            return JSON.writeValueAsString(sample);
        } catch (JsonProcessingException e) {
            throw new RuntimeFailure(RuntimeFailure.Kind.REFUSED, "cannot write a stats sample: " + e.getMessage());
        }
    }

    static Optional<ContainerStats> from(Statistics sample) {
        if (sample == null) {
            return Optional.empty();
        }
        Instant readAt = DockerObservations.instant(sample.getRead());
        MemoryStatsConfig memory = sample.getMemoryStats();
        if (readAt == null || memory == null || memory.getUsage() == null) {
            return Optional.empty(); // the engine answers a stopped container with an empty sample
        }
        return Optional.of(new ContainerStats(readAt, cpuPercentOfOneCore(sample.getCpuStats(), sample.getPreCpuStats()),
                memoryInUse(memory), memory.getLimit() == null ? 0 : memory.getLimit(), cpuTotalNanos(sample.getCpuStats())));
    }

    /** The container's share of all CPU time between the two readings, times the CPUs: 100 = one core busy. */
    static double cpuPercentOfOneCore(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
                || now.getSystemCpuUsage() == null || before.getSystemCpuUsage() == null) {
            return 0;
        }
        long containerDelta = value(now.getCpuUsage().getTotalUsage()) - value(before.getCpuUsage().getTotalUsage());
        long systemDelta = now.getSystemCpuUsage() - before.getSystemCpuUsage();
        if (containerDelta <= 0 || systemDelta <= 0) {
            return 0;
        }
        long cpus = now.getOnlineCpus() != null && now.getOnlineCpus() > 0 ? now.getOnlineCpus()
                : now.getCpuUsage().getPercpuUsage() != null ? now.getCpuUsage().getPercpuUsage().size() : 1;
        return (double) containerDelta / systemDelta * cpus * 100.0;
    }

    /** The container's cumulative CPU time, -1 when the sample has none. */
    static long cpuTotalNanos(CpuStatsConfig now) {
        return now == null || now.getCpuUsage() == null || now.getCpuUsage().getTotalUsage() == null ? -1
                : now.getCpuUsage().getTotalUsage();
    }

    /** Usage less the page cache (cgroup v1: cache; v2: inactive_file), as {@code docker stats} shows it. */
    static long memoryInUse(MemoryStatsConfig memory) {
        long usage = memory.getUsage();
        if (memory.getStats() != null) {
            if (memory.getStats().getTotalInactiveFile() != null && memory.getStats().getTotalInactiveFile() < usage) {
                return usage - memory.getStats().getTotalInactiveFile();
            }
            if (memory.getStats().getInactiveFile() != null && memory.getStats().getInactiveFile() < usage) {
                return usage - memory.getStats().getInactiveFile();
            }
            if (memory.getStats().getCache() != null && memory.getStats().getCache() < usage) {
                return usage - memory.getStats().getCache();
            }
        }
        return usage;
    }

    private static long value(Long value) {
        return value == null ? 0 : value;
    }
}

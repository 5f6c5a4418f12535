package dev.ecsd.api.ecs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** The task cpu and memory combinations Fargate offers (CPU units to MiB), from the ECS developer guide. */
public final class FargateSizes {
    private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = new TreeMap<>(Map.of(
            256, List.of(512, 1024, 2048),
            512, List.of(1024, 2048, 3072, 4096),
            1024, List.of(2048, 3072, 4096, 5120, 6144, 7168, 8192),
            2048, steps(4096, 16384, 1024),
            4096, steps(8192, 30720, 1024),
            8192, steps(16384, 61440, 4096),
            16384, steps(32768, 122880, 8192)));

    private FargateSizes() {
    }

    public static boolean isValidCpu(int cpu) {
        return MEMORY_BY_CPU.containsKey(cpu);
    }

    public static boolean isValid(int cpu, int memory) {
        List<Integer> memories = MEMORY_BY_CPU.get(cpu);
        return memories != null && memories.contains(memory);
    }

    private static List<Integer> steps(int from, int to, int step) {
        return IntStream.iterate(from, m -> m <= to, m -> m + step).boxed().toList();
    }
}

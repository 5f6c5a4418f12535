package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level cpu and memory as ECS accepts them: CPU units ({@code "1024"}) or vCPUs ({@code "1 vCPU"}),
 * MiB ({@code "2048"}) or GB ({@code "2 GB"}); registration stores them as integers in a string.
 */
public final class TaskSizes {
    private static final Pattern VCPU = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*vcpu", Pattern.CASE_INSENSITIVE);
    private static final Pattern GB = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*gb", Pattern.CASE_INSENSITIVE);

    private TaskSizes() {
    }

    /** CPU units, or null when none was given. */
    public static Integer cpuUnits(String cpu) {
        if (cpu == null || cpu.isBlank()) {
            return null;
        }
        String value = cpu.trim();
        try {
            Matcher vcpu = VCPU.matcher(value);
            if (vcpu.matches()) {
                return new BigDecimal(vcpu.group(1)).multiply(BigDecimal.valueOf(1024)).intValueExact();
            }
            return Integer.parseInt(value);
        } catch (ArithmeticException | NumberFormatException e) {
            throw ApiException.client("Invalid 'cpu' setting for task.");
        }
    }

    /** Memory in MiB, or null when none was given. */
    public static Integer memoryMiB(String memory) {
        if (memory == null || memory.isBlank()) {
            return null;
        }
        String value = memory.trim().toLowerCase(Locale.ROOT);
        try {
            Matcher gb = GB.matcher(value);
            if (gb.matches()) {
                return new BigDecimal(gb.group(1)).multiply(BigDecimal.valueOf(1024)).intValueExact();
            }
            return Integer.parseInt(value);
        } catch (ArithmeticException | NumberFormatException e) {
            throw ApiException.client("Invalid 'memory' setting for task.");
        }
    }
}

package dev.ecsd.logs;

import java.util.List;
import java.util.stream.Collectors;

/** The retention periods, in days, that CloudWatch Logs lets a log group have. */
public final class RetentionPeriods {
    public static final List<Integer> VALID_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private RetentionPeriods() {
    }

    public static int check(Integer days) {
        if (days == null || !VALID_DAYS.contains(days)) {
            throw Constraints.violation(days, "retentionInDays", "Member must satisfy enum value set: ["
                    + VALID_DAYS.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]");
        }
        return days;
    }
}

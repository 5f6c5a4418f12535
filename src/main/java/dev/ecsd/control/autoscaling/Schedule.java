package dev.ecsd.control.autoscaling;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scheduled action's schedule, in Application Auto Scaling's three forms: {@code at(yyyy-mm-ddThh:mm:ss)} once,
 * {@code rate(N unit)} every N minutes, hours or days, and {@code cron(m h dom mon dow year)} — six fields, which are
 * Quartz's without the seconds. Times are in the action's time zone (UTC when none is given). Pure: no clock.
 */
public sealed interface Schedule {
    Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    /** How many occurrences {@link #latestDue} steps through before it gives up (a minutely cron over weeks). */
    int MAX_STEPS = 100_000;

    /** The first time strictly after {@code after}, or empty when there is none. */
    Optional<Instant> nextAfter(Instant after);

    /** One time: {@code at(...)}. */
    record At(Instant time) implements Schedule {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return time.isAfter(after) ? Optional.of(time) : Optional.empty();
        }
    }

    /** Every {@code period} from {@code anchor} (the start time, else the action's creation). */
    record Rate(Duration period, Instant anchor) implements Schedule {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            if (after.isBefore(anchor)) {
                return Optional.of(anchor);
            }
            long steps = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
            return Optional.of(anchor.plus(period.multipliedBy(steps)));
        }
    }

    /** A cron expression in a time zone. */
    record CronSchedule(Cron cron, ZoneId zone) implements Schedule {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return ExecutionTime.forCron(cron).nextExecution(ZonedDateTime.ofInstant(after, zone))
                    .map(ZonedDateTime::toInstant);
        }
    }

    /**
     * Parses a schedule; throws {@link IllegalArgumentException} with a message for the user when it is not one.
     * {@code anchor} starts a rate().
     */
    static Schedule parse(String expression, String timezone, Instant anchor) {
        ZoneId zone = zone(timezone);
        String text = expression == null ? "" : expression.trim();
        Matcher at = AT.matcher(text);
        if (at.matches()) {
            try {
                return new At(LocalDateTime.parse(at.group(1)).atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid at() expression " + text + ": " + e.getMessage());
            }
        }
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            if (value < 1) {
                throw new IllegalArgumentException("The value of a rate expression must be positive: " + text);
            }
            boolean singular = !rate.group(2).endsWith("s");
            if (singular != (value == 1)) {
                throw new IllegalArgumentException("Invalid rate expression " + text
                        + ": use the singular unit for a value of 1 and the plural otherwise.");
            }
            Duration unit = switch (rate.group(2).replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(unit.multipliedBy(value), anchor);
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            String[] fields = cron.group(1).trim().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("Invalid cron expression " + text
                        + ": it has six fields (minutes hours day-of-month month day-of-week year).");
            }
            try {
                Cron quartz = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ))
                        .parse("0 " + String.join(" ", fields));
                quartz.validate();
                return new CronSchedule(quartz, zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid cron expression " + text + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("Invalid schedule " + text
                + ": use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields).");
    }

    /** The time zone of a schedule: an IANA name, UTC when none is given. */
    static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid timezone " + timezone + ": use an IANA time zone name.");
        }
    }

    /**
     * The latest occurrence after {@code after} and not after {@code now}, within [start, end]: when several were
     * missed (the control plane was down), only the latest one runs, once.
     */
    default Optional<Instant> latestDue(Instant after, Instant now, Instant start, Instant end) {
        Instant from = start != null && start.isAfter(after) ? start.minusMillis(1) : after;
        Optional<Instant> due = Optional.empty();
        Optional<Instant> next = nextAfter(from);
        for (int step = 0; step < MAX_STEPS && next.isPresent() && !next.get().isAfter(now); step++) {
            if (end != null && next.get().isAfter(end)) {
                break;
            }
            due = next;
            next = nextAfter(next.get());
        }
        return due;
    }

    /** The first occurrence after {@code after} within [start, end], or empty when the schedule has run out. */
    default Optional<Instant> upcoming(Instant after, Instant start, Instant end) {
        Instant from = start != null && start.isAfter(after) ? start.minusMillis(1) : after;
        return nextAfter(from).filter(time -> end == null || !time.isAfter(end));
    }
}

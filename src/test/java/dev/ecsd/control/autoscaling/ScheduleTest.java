package dev.ecsd.control.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Instant T0 = Instant.parse("2026-03-12T10:00:00Z");

    @Test
    void atRunsOnceAtItsTimeInItsZone() {
        Schedule at = Schedule.parse("at(2026-03-12T12:30:00)", "Europe/Berlin", T0);

        assertThat(at.nextAfter(T0)).contains(Instant.parse("2026-03-12T11:30:00Z"));
        assertThat(at.nextAfter(Instant.parse("2026-03-12T11:30:00Z"))).isEmpty();
    }

    @Test
    void rateRunsEveryPeriodFromItsAnchor() {
        Schedule rate = Schedule.parse("rate(5 minutes)", null, T0);

        assertThat(rate.nextAfter(T0)).contains(T0.plusSeconds(300));
        assertThat(rate.nextAfter(T0.plusSeconds(300))).contains(T0.plusSeconds(600));
        assertThat(rate.nextAfter(T0.minusSeconds(1))).contains(T0);
        assertThat(Schedule.parse("rate(1 day)", null, T0).nextAfter(T0)).contains(T0.plusSeconds(86_400));
    }

    @Test
    void cronHasSixFieldsInItsTimeZone() {
        // 09:00 on weekdays, New York time: 14:00 UTC in March 2026 after the DST change (8 March)
        Schedule cron = Schedule.parse("cron(0 9 ? * MON-FRI *)", "America/New_York", T0);

        assertThat(cron.nextAfter(T0)).contains(Instant.parse("2026-03-12T13:00:00Z"));
        assertThat(cron.nextAfter(Instant.parse("2026-03-13T13:00:00Z")))
                .contains(Instant.parse("2026-03-16T13:00:00Z"));
    }

    @Test
    void onlyTheLatestMissedOccurrenceRunsAndNothingOutsideStartAndEnd() {
        Schedule rate = Schedule.parse("rate(1 hour)", null, T0);

        assertThat(rate.latestDue(T0, T0.plusSeconds(3 * 3600 + 10), null, null))
                .contains(T0.plusSeconds(3 * 3600));
        assertThat(rate.latestDue(T0, T0.plusSeconds(3 * 3600 + 10), null, T0.plusSeconds(7200)))
                .contains(T0.plusSeconds(7200));
        assertThat(rate.latestDue(T0, T0.plusSeconds(1800), null, null)).isEmpty();
        assertThat(rate.upcoming(T0, T0.plusSeconds(5 * 3600), null)).contains(T0.plusSeconds(5 * 3600));
        assertThat(rate.upcoming(T0.plusSeconds(7200), null, T0.plusSeconds(7200))).isEqualTo(Optional.empty());
    }

    @Test
    void invalidSchedulesAreRefusedWithAReason() {
        assertThatThrownBy(() -> Schedule.parse("cron(0 9 * * ?)", null, T0))
                .hasMessageContaining("six fields");
        assertThatThrownBy(() -> Schedule.parse("rate(1 minutes)", null, T0)).hasMessageContaining("singular");
        assertThatThrownBy(() -> Schedule.parse("every day", null, T0)).hasMessageContaining("Invalid schedule");
        assertThatThrownBy(() -> Schedule.parse("rate(5 minutes)", "Mars/Olympus", T0))
                .hasMessageContaining("Invalid timezone");
    }
}

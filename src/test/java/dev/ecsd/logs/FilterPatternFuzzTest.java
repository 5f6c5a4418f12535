package dev.ecsd.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long, odd filter patterns are evaluated or refused as invalid parameters; none fails inside the store. */
class FilterPatternFuzzTest {
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final String ALPHABET = "aZ09 \"\"??--\\\\[]{}()%$.*+|^&=<>!,:;'/\t\u00e9\u4e2d\ud83d\ude00";

    @TempDir
    Path directory;
    private SqliteLogStore store;

    @BeforeEach
    void open() {
        store = SqliteLogStore.open(directory.resolve("logs.db"), () -> START);
        store.createGroup("g", Map.of(), false);
        store.createStream("g", "s");
        store.append("g", "s", List.of(new LogSink.Event(START.toEpochMilli(), "ERROR a \"quoted\" \\ [x] \u00e9 done")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void randomLongPatternsAreEvaluatedOrRefusedAsInvalidParameters() {
        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 3000; round++) {
            int length = 1 + random.nextInt(round % 10 == 0 ? 20_000 : 2_000);
            StringBuilder pattern = new StringBuilder();
            for (int i = 0; i < length; i++) {
                pattern.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            check(pattern.toString(), failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void patternsOfManyTermsAreEvaluatedOrRefused() {
        List<String> failures = new ArrayList<>();
        for (String term : new String[] {"a ", "?a ", "-a ", "\"a\" ", "?\"\" ", "a\\ ", "\u00e9 "}) {
            for (int count : new int[] {10, 300, 1000, 5000, 40_000}) {
                check(term.repeat(count), failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theLongestPatternOfDistinctTermsIsEvaluated() {
        StringBuilder required = new StringBuilder();
        StringBuilder alternatives = new StringBuilder();
        for (int i = 0; required.length() < FilterPattern.MAX_LENGTH - 4; i++) {
            required.append(Integer.toString(i, 36)).append(' ');
        }
        for (int i = 0; alternatives.length() < FilterPattern.MAX_LENGTH - 4; i++) {
            alternatives.append('?').append(Integer.toString(i, 36)).append(' ');
        }

        assertThat(store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse(required.toString()), null, 100,
                1_000_000).events()).isEmpty();
        assertThat(store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse(alternatives.toString()), null,
                100, 1_000_000).events()).hasSize(1);
        assertThat(store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse("a ".repeat(512)), null, 100,
                1_000_000).events()).hasSize(1);
    }

    @Test
    void aPatternLongerThanCloudWatchAllowsIsAnInvalidParameter() {
        assertThatThrownBy(() -> FilterPattern.parse("a".repeat(1025)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .contains("'filterPattern'").contains("less than or equal to 1024"));
    }

    private void check(String pattern, List<String> failures) {
        try {
            store.filter("g", null, null, TimeRange.ALL, FilterPattern.parse(pattern), null, 100, 1_000_000);
        } catch (ApiException e) {
            // a clear refusal is a good answer
        } catch (RuntimeException e) {
            failures.add(pattern.length() + " chars starting " + pattern.substring(0, Math.min(40, pattern.length()))
                    + ": " + e);
        }
    }
}

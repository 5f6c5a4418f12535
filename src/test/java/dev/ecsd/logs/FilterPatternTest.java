package dev.ecsd.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import org.junit.jupiter.api.Test;

class FilterPatternTest {
    @Test
    void anEmptyPatternMatchesEverything() {
        assertThat(FilterPattern.parse(null).matchesEverything()).isTrue();
        assertThat(FilterPattern.parse("  ").matchesEverything()).isTrue();
        assertThat(FilterPattern.parse("\"\"").matchesEverything()).isTrue();
    }

    @Test
    void readsTermsPhrasesAlternativesAndExclusions() {
        FilterPattern pattern = FilterPattern.parse("ERROR \"disk full\" ?db ?\"cache miss\" -retry -\"gave up\"");
        assertThat(pattern.required()).containsExactly("ERROR", "disk full");
        assertThat(pattern.anyOf()).containsExactly("db", "cache miss");
        assertThat(pattern.excluded()).containsExactly("retry", "gave up");
    }

    @Test
    void aLoneMarkIsATermOfItsOwn() {
        assertThat(FilterPattern.parse("- ?").required()).containsExactly("-", "?");
        assertThat(FilterPattern.parse("-1").excluded()).containsExactly("1");
    }

    @Test
    void refusesPatternsItCannotEvaluate() {
        assertThatThrownBy(() -> FilterPattern.parse("{ $.level = \"error\" }")).isInstanceOf(ApiException.class)
                .hasMessageContaining("Invalid filter pattern");
        assertThatThrownBy(() -> FilterPattern.parse("[ip, user]")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FilterPattern.parse("%ERR.*%")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> FilterPattern.parse("\"unclosed")).hasMessageContaining("not closed");
    }
}

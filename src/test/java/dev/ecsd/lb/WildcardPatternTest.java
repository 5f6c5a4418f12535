package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

    @ParameterizedTest
    @CsvSource({
            "/api/*, /api/users, true",
            "/api/*, /api/, true",
            "/api/*, /api, false",
            "/img/*.png, /img/a/b.png, true",
            "/img/*.png, /img/a.jpg, false",
            "/v?/items, /v1/items, true",
            "/v?/items, /v10/items, false",
            "*, '', true",
            "'', '', true",
            "'', /, false",
            "*.example.com, www.example.com, true",
            "*a*b*c, xxaxxbxxc, true",
            "*a*b*c, xxaxxcxxb, false",
            "/a.b, /a.b, true",
            "/a.b, /axb, false",
            "/a[0-9], /a[0-9], true",
    })
    void wildcardsMatchRunsAndSingleCharacters(String pattern, String text, boolean matches) {
        assertThat(WildcardPattern.caseSensitive(pattern).matches(text)).isEqualTo(matches);
    }

    @Test
    void pathsAreCaseSensitiveAndHostsAreNot() {
        assertThat(WildcardPattern.caseSensitive("/API/*").matches("/api/x")).isFalse();
        assertThat(WildcardPattern.caseInsensitive("*.EXAMPLE.com").matches("www.example.COM")).isTrue();
    }

    @Test
    void aPathologicalPatternStaysFast() {
        String text = "a".repeat(5_000);
        WildcardPattern pattern = WildcardPattern.caseSensitive("*a*a*a*a*a*a*a*a*a*a*b");

        long start = System.nanoTime();
        assertThat(pattern.matches(text)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void nothingMatchesAMissingValue() {
        assertThat(WildcardPattern.caseSensitive("*").matches(null)).isFalse();
    }
}

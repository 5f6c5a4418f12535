package dev.ecsd.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTest {
    @Test
    void aShortInputIsQuotedWhole() {
        assertThat(Quoted.of("my-cluster")).isEqualTo("my-cluster");
        assertThat(Quoted.of("x".repeat(100))).isEqualTo("x".repeat(100));
        assertThat(Quoted.of(null)).isNull();
    }

    @Test
    void aLongInputKeepsItsFirstHundredCharactersAndSaysHowLongItWas() {
        String name = "a".repeat(100) + "b".repeat(4 * 1024 * 1024);

        assertThat(Quoted.of(name)).isEqualTo("a".repeat(100) + "…(" + name.length() + " characters)");
    }

    @Test
    void aSurrogatePairIsNotCutInHalf() {
        String name = "a".repeat(99) + "😀".repeat(10);

        String quoted = Quoted.of(name);

        assertThat(quoted).startsWith("a".repeat(99) + "…(");
        assertThat(quoted.codePoints()).doesNotContain((int) "😀".charAt(0));
    }

    @Test
    void anErrorMessageIsCappedWhateverItQuotes() {
        ApiException error = ApiException.invalidParameter("Bad '" + "z".repeat(4 * 1024 * 1024) + "'.");

        assertThat(error.getMessage()).hasSizeLessThan(ApiException.MAX_MESSAGE + 60)
                .startsWith("Bad 'zzz").endsWith("…(message cut from " + (4 * 1024 * 1024 + 7) + " characters)");
        assertThat(ApiException.client("short").getMessage()).isEqualTo("short");
    }
}

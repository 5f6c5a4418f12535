package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuccessCodesTest {

    @Test
    void codesListsAndRanges() {
        assertThat(SuccessCodes.parse("200").matches(200)).isTrue();
        assertThat(SuccessCodes.parse("200").matches(204)).isFalse();
        assertThat(SuccessCodes.parse("200,202").matches(202)).isTrue();
        assertThat(SuccessCodes.parse("200, 202").matches(201)).isFalse();
        assertThat(SuccessCodes.parse("200-299").matches(299)).isTrue();
        assertThat(SuccessCodes.parse("200-299").matches(300)).isFalse();
        assertThat(SuccessCodes.parse("200-204,301").matches(301)).isTrue();
    }

    @Test
    void anUnreadableMatcherIsAlbsDefault() {
        assertThat(SuccessCodes.parse(null).matches(200)).isTrue();
        assertThat(SuccessCodes.parse("ok").matches(200)).isTrue();
        assertThat(SuccessCodes.parse("ok").matches(404)).isFalse();
    }
}

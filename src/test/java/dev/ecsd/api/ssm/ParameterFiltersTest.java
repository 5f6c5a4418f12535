package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParameterFiltersTest {

    @Test
    void oneLevelIsTheDirectChildrenAndRecursiveEverythingBelow() {
        assertThat(ParameterFilters.under("/a/b", "/a", false)).isTrue();
        assertThat(ParameterFilters.under("/a/b/c", "/a", false)).isFalse();
        assertThat(ParameterFilters.under("/a/b/c", "/a", true)).isTrue();
        assertThat(ParameterFilters.under("/a/b", "/a/", false)).isTrue();
        assertThat(ParameterFilters.under("/ab/c", "/a", true)).isFalse();
        assertThat(ParameterFilters.under("/a", "/a", true)).isFalse();
        assertThat(ParameterFilters.under("top", "/", false)).isTrue();
        assertThat(ParameterFilters.under("/top", "/", false)).isTrue();
        assertThat(ParameterFilters.under("/a/b", "/", false)).isFalse();
        assertThat(ParameterFilters.under("/a/b", "/", true)).isTrue();
    }
}

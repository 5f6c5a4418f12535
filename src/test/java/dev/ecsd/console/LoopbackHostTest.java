package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackHostTest {
    @Test
    void loopbackAddressesAndLocalhostAreLoopback() {
        assertThat(LoopbackHost.is("127.0.0.1")).isTrue();
        assertThat(LoopbackHost.is("127.1.2.3")).isTrue();
        assertThat(LoopbackHost.is("localhost")).isTrue();
        assertThat(LoopbackHost.is("LOCALHOST.")).isTrue();
        assertThat(LoopbackHost.is("app.localhost")).isTrue();
        assertThat(LoopbackHost.is("[::1]")).isTrue();
        assertThat(LoopbackHost.is("::1")).isTrue();
    }

    @Test
    void aNameThatOnlyResolvesToLoopbackIsNot() {
        assertThat(LoopbackHost.is("evil.example")).as("DNS rebinding: resolves to 127.0.0.1, not ours")
                .isFalse();
        assertThat(LoopbackHost.is("127.0.0.1.evil.example")).isFalse();
        assertThat(LoopbackHost.is("localhost.evil.example")).isFalse();
        assertThat(LoopbackHost.is("10.0.0.5")).isFalse();
        assertThat(LoopbackHost.is("")).isFalse();
        assertThat(LoopbackHost.is(null)).isFalse();
    }
}

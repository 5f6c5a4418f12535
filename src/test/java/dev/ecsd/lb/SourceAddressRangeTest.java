package dev.ecsd.lb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceAddressRangeTest {

    @ParameterizedTest
    @CsvSource({
            "192.168.0.0/16, 192.168.4.2, true",
            "192.168.0.0/16, 192.169.0.1, false",
            "127.0.0.1/32, 127.0.0.1, true",
            "127.0.0.1/32, 127.0.0.2, false",
            "10.1.2.128/25, 10.1.2.200, true",
            "10.1.2.128/25, 10.1.2.100, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "127.0.0.1, 127.0.0.1, true",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::5, false",
            "::1/128, ::1, true",
            "127.0.0.0/8, ::1, false",
    })
    void aRangeHoldsTheAddressesUnderItsPrefix(String cidr, String address, boolean contains) {
        assertThat(SourceAddressRange.parse(cidr)).hasValueSatisfying(
                range -> assertThat(range.contains(address)).isEqualTo(contains));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", "300.0.0.0/8", "example.com/8", "10.0.0.0/x", "::1/129", ""})
    void somethingElseIsNoRange(String cidr) {
        assertThat(SourceAddressRange.parse(cidr)).isEmpty();
    }

    @Test
    void aNameIsNeverLookedUp() {
        assertThat(SourceAddressRange.addressBytes("localhost")).isEmpty();
        assertThat(SourceAddressRange.addressBytes("dead:beef:example.com")).isEmpty();
    }
}

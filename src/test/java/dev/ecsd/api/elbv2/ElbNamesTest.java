package dev.ecsd.api.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElbNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"web-lb", "a", "A1-b2-C3", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsLettersDigitsAndInnerHyphensUpTo32(String name) {
        assertThat(ElbNames.checkLoadBalancerName(name)).isEqualTo(name);
        assertThat(ElbNames.checkTargetGroupName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abcdefghijklmnopqrstuvwxyz0123456|cannot be longer than '32' characters",
            "web_lb|can only contain characters that are alphanumeric characters or hyphens(-)",
            "web.lb|can only contain characters that are alphanumeric characters or hyphens(-)",
            "-web|cannot begin or end with '-'",
            "web-|cannot begin or end with '-'",
            "internal-web|cannot begin with 'internal-'"})
    void refusesLoadBalancerNamesAsElbDoes(String name, String message) {
        assertThatThrownBy(() -> ElbNames.checkLoadBalancerName(name))
                .isInstanceOf(ApiException.class)
                .hasMessage("The load balancer name '" + name + "' " + message)
                .extracting(e -> ((ApiException) e).type()).isEqualTo(ErrorType.VALIDATION_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tg", "tg-", "t g", "abcdefghijklmnopqrstuvwxyz0123456"})
    void refusesTargetGroupNames(String name) {
        assertThatThrownBy(() -> ElbNames.checkTargetGroupName(name))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("Target group name '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"internal-tg"})
    void aTargetGroupMayBeginWithInternal(String name) {
        assertThat(ElbNames.checkTargetGroupName(name)).isEqualTo(name);
    }
}

package dev.ecsd.api.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.Parameter;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {
    private final ParameterNames names = new ParameterNames("eu-west-1", "123456789012");

    @Test
    void anArnDropsTheLeadingSlash() {
        assertThat(names.arn("/prod/api-key")).isEqualTo("arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api-key");
        assertThat(names.arn("top")).isEqualTo("arn:aws:ssm:eu-west-1:123456789012:parameter/top");
    }

    @Test
    void aTopLevelNameIsOneParameterWithOrWithoutItsSlash() {
        assertThat(Parameter.key("/top")).isEqualTo(Parameter.key("top")).isEqualTo("top");
        assertThat(Parameter.key("/a/b")).isEqualTo("/a/b");
    }

    @Test
    void selectorsAndArnsAreRead() {
        assertThat(names.select("/a/b:3")).isEqualTo(new ParameterNames.Selected("/a/b", "3"));
        assertThat(names.select("/a/b:3").byVersion()).isTrue();
        assertThat(names.select("/a/b:blue").byVersion()).isFalse();
        assertThat(names.select("arn:aws:ssm:eu-west-1:123456789012:parameter/a/b:blue"))
                .isEqualTo(new ParameterNames.Selected("/a/b", "blue"));
        assertThat(names.select("arn:aws:ssm:eu-west-1:123456789012:parameter/top"))
                .isEqualTo(new ParameterNames.Selected("top", null));
        assertThatThrownBy(() -> names.select("arn:aws:ssm:us-east-1:123456789012:parameter/a"))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.PARAMETER_NOT_FOUND));
        assertThatThrownBy(() -> names.select("/a:1:2")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> names.keyOf("/a:1")).isInstanceOf(ApiException.class);
    }

    @Test
    void newNamesFollowSsmsRules() {
        assertThat(ParameterNames.checkNew("  /prod/db/password ")).isEqualTo("/prod/db/password");
        assertThat(ParameterNames.checkNew("plain_name.v-1")).isEqualTo("plain_name.v-1");
        assertThat(error(() -> ParameterNames.checkNew("a/b"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/a//b"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/a/b/"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/a/b c"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/a/b$"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("AWSthing"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/Ssm/x"))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/aws/x"))).isEqualTo(ErrorType.ACCESS_DENIED);
        assertThat(error(() -> ParameterNames.checkNew("arn:aws:ssm:eu-west-1:123456789012:parameter/x")))
                .isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("x".repeat(1012)))).isEqualTo(ErrorType.VALIDATION);
        assertThat(error(() -> ParameterNames.checkNew("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16")))
                .isEqualTo(ErrorType.HIERARCHY_LEVEL_LIMIT_EXCEEDED);
        assertThat(ParameterNames.checkNew("/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15")).startsWith("/1/");
    }

    private static ErrorType error(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.type();
        }
        throw new AssertionError("no error");
    }
}

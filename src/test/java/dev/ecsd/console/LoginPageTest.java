package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginPageTest {
    @Test
    void theLoginLeadsToAConsolePathOfThisServerOnly() {
        assertThat(LoginPage.next("/ui/r/us-east-1/clusters/web")).isEqualTo("/ui/r/us-east-1/clusters/web");
        assertThat(LoginPage.next("https://evil.example/")).isEqualTo("/ui/");
        assertThat(LoginPage.next("//evil.example/ui/")).isEqualTo("/ui/");
        assertThat(LoginPage.next("/ui//evil.example")).isEqualTo("/ui/");
        assertThat(LoginPage.next("/ui/\\evil.example")).isEqualTo("/ui/");
        assertThat(LoginPage.next("/ui/\r\nSet-Cookie: x=y")).as("no header injection").isEqualTo("/ui/");
        assertThat(LoginPage.next("/ui/\t/evil.example")).isEqualTo("/ui/");
        assertThat(LoginPage.next("/ui/login?next=/ui/")).as("not back to the login").isEqualTo("/ui/");
        assertThat(LoginPage.next("/metrics")).isEqualTo("/ui/");
        assertThat(LoginPage.next(null)).isEqualTo("/ui/");
    }
}

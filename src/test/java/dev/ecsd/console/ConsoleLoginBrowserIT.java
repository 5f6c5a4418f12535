package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.Browser;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.SharedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The console's login in a real browser: open on a loopback bind; on a 0.0.0.0 bind (reached at 127.0.0.1) a wrong
 * secret is refused, the right one lands on the page asked for, the session cookie is out of scripts' reach, and no
 * address the browser visits holds the secret.
 */
@RequiresChromium
class ConsoleLoginBrowserIT {
    private static final String CLUSTER = "guarded";
    private static GuardedConsole guarded;

    @RegisterExtension
    static final SharedServer LOOPBACK = SharedServer.simulated();

    @BeforeAll
    static void startGuarded() {
        guarded = GuardedConsole.start();
        guarded.ecs().createCluster(r -> r.clusterName(CLUSTER));
    }

    @AfterAll
    static void stopGuarded() {
        if (guarded != null) {
            guarded.close();
        }
    }

    @Test
    void onALoopbackBindTheConsoleOpensWithoutALogin() {
        try (Browser browser = Browser.open(LOOPBACK.endpoint())) {
            browser.go("/ui/");
            browser.awaitText(By.tagName("h1"), "Clusters");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/ui/");
            assertThat(browser.driver().findElements(By.name("secretAccessKey"))).isEmpty();
            browser.screenshot("console-loopback-open");
        }
    }

    @Test
    void aWrongSecretIsRefusedAndTheConsoleStaysClosed() {
        try (Browser browser = Browser.open(guarded.endpoint())) {
            List<String> visited = new ArrayList<>();
            browser.go(ConsolePaths.cluster("us-east-1", CLUSTER));
            browser.await(By.name("secretAccessKey"));
            visited.add(browser.driver().getCurrentUrl());
            assertThat(browser.driver().getCurrentUrl()).contains("/ui/login?next=");

            logIn(browser, GuardedConsole.KEY_ID, GuardedConsole.SECRET + "-wrong");

            browser.awaitText(By.cssSelector(".flash.error"), "not the server's");
            visited.add(browser.driver().getCurrentUrl());
            assertThat(browser.driver().findElement(By.name("secretAccessKey")).getAttribute("value"))
                    .as("the refused secret is not written back into the page").isEmpty();
            browser.screenshot("console-login-refused");

            browser.go("/ui/");
            browser.await(By.name("secretAccessKey"));
            visited.add(browser.driver().getCurrentUrl());
            assertThat(browser.driver().getCurrentUrl()).as("still not logged in").contains("/ui/login");
            assertThat(visited).noneMatch(url -> url.contains(GuardedConsole.SECRET)
                    || url.contains(LoginPage.encode(GuardedConsole.SECRET)));
        }
    }

    @Test
    void theRightSecretLandsOnThePageAskedForWithACookieNoScriptCanRead() {
        try (Browser browser = Browser.open(guarded.endpoint())) {
            String asked = ConsolePaths.cluster("us-east-1", CLUSTER);
            List<String> visited = new ArrayList<>();
            browser.go(asked);
            browser.await(By.name("secretAccessKey"));
            visited.add(browser.driver().getCurrentUrl());

            logIn(browser, GuardedConsole.KEY_ID, GuardedConsole.SECRET);

            browser.awaitText(By.tagName("h1"), "Cluster " + CLUSTER);
            visited.add(browser.driver().getCurrentUrl());
            assertThat(browser.driver().getCurrentUrl()).endsWith(asked);
            Cookie session = browser.driver().manage().getCookieNamed(ConsoleSessions.COOKIE);
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat(session.getPath()).isEqualTo("/ui/");
            assertThat((String) browser.driver().executeScript("return document.cookie"))
                    .doesNotContain(ConsoleSessions.COOKIE);
            assertThat(browser.driver().getPageSource()).doesNotContain(GuardedConsole.SECRET);
            browser.screenshot("console-login-landed");

            // a cookie with one character of its signature changed is no session: the login again
            String value = session.getValue();
            String flipped = value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A");
            browser.driver().manage().deleteCookieNamed(ConsoleSessions.COOKIE);
            browser.driver().manage().addCookie(new Cookie.Builder(ConsoleSessions.COOKIE, flipped).path("/ui/")
                    .isHttpOnly(true).sameSite("Strict").build());
            browser.go(asked);
            browser.await(By.name("secretAccessKey"));
            visited.add(browser.driver().getCurrentUrl());
            assertThat(browser.driver().getCurrentUrl()).contains("/ui/login");

            assertThat(visited).noneMatch(url -> url.contains(GuardedConsole.SECRET)
                    || url.contains(LoginPage.encode(GuardedConsole.SECRET)));
        }
    }

    @Test
    void theLogOutButtonEndsTheSession() {
        try (Browser browser = Browser.open(guarded.endpoint())) {
            browser.go("/ui/");
            browser.await(By.name("secretAccessKey"));
            logIn(browser, GuardedConsole.KEY_ID, GuardedConsole.SECRET);
            browser.awaitText(By.tagName("h1"), "Clusters");

            browser.driver().findElement(By.cssSelector("form.logout button")).click();

            browser.await(By.name("secretAccessKey"));
            assertThat(browser.driver().getCurrentUrl()).contains("/ui/login");
            browser.go("/ui/");
            browser.await(By.name("secretAccessKey"));
            assertThat(browser.driver().getCurrentUrl()).as("logged out: the console asks again").contains("/ui/login");
        }
    }

    private static void logIn(Browser browser, String keyId, String secret) {
        browser.await(By.name("accessKeyId")).clear();
        browser.driver().findElement(By.name("accessKeyId")).sendKeys(keyId);
        browser.driver().findElement(By.name("secretAccessKey")).sendKeys(secret);
        browser.driver().findElement(By.cssSelector("form.login button[type=submit]")).click();
    }
}

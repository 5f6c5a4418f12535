package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.Browser;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The console's first page in a real browser: clusters made through the SDK appear, live. */
@RequiresChromium
class ConsoleClustersBrowserIT {
    @RegisterExtension
    static final SharedServer SERVER = SharedServer.simulated();

    @Test
    void anEmptyServerSaysHowToMakeACluster() {
        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go("/ui/");
            WebElement empty = browser.await(By.cssSelector(".empty"));
            assertThat(empty.getText()).contains("No clusters yet").contains("ecs create-cluster");
            browser.screenshot("console-clusters-empty");
        }
    }

    @Test
    void aClusterMadeThroughTheSdkAppearsWithoutAReload() {
        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go("/ui/");
            browser.await(By.cssSelector(".empty"));
            SERVER.ecs().createCluster(b -> b.clusterName("console-live"));
            // the clusters list is a live part: the page polls it and swaps it in
            browser.awaitText(By.cssSelector("[data-live=clusters_list]"), "console-live");
            WebElement link = browser.driver().findElement(By.linkText("console-live"));
            assertThat(link.getAttribute("href")).endsWith("/ui/r/us-east-1/clusters/console-live");
            browser.screenshot("console-clusters");
        }
    }
}

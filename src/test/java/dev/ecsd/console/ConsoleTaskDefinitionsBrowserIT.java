package dev.ecsd.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsd.testing.Browser;
import dev.ecsd.testing.RequiresChromium;
import dev.ecsd.testing.SharedServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;

/** The task definition pages in a real browser: families, a diff of two revisions, deregistering one. */
@RequiresChromium
class ConsoleTaskDefinitionsBrowserIT {
    @RegisterExtension
    static final SharedServer SERVER = SharedServer.simulated();

    private static void register(String family, String image, String mode) {
        SERVER.ecs().registerTaskDefinition(b -> b.family(family).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("web").image(image).essential(true)
                        .environment(KeyValuePair.builder().name("MODE").value(mode).build()).build()));
    }

    @Test
    void anEmptyRegionSaysHowToRegisterATaskDefinition() {
        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go(ConsolePaths.taskDefinitions("us-east-1"));
            WebElement empty = browser.await(By.cssSelector(".empty"));
            assertThat(empty.getText()).contains("No task definitions yet")
                    .contains("ecs register-task-definition --cli-input-json file://");
            browser.screenshot("console-task-definitions-empty");
        }
    }

    @Test
    void twoRevisionsDiffAndOneIsDeregisteredFromItsPage() {
        register("console-web", "nginx:1.25", "blue");
        register("console-web", "nginx:1.27", "blue");

        try (Browser browser = Browser.open(SERVER.endpoint())) {
            browser.go(ConsolePaths.taskDefinitions("us-east-1"));
            WebElement row = browser.await(By.cssSelector("table.families tbody tr"));
            assertThat(row.getText()).contains("console-web").contains("console-web:2");
            browser.screenshot("console-task-definitions");

            browser.driver().findElement(By.linkText("console-web:2")).click();
            browser.await(By.cssSelector(".task-definition-json"));
            new Select(browser.driver().findElement(By.cssSelector("form.compare select"))).selectByValue("1");
            browser.driver().findElement(By.cssSelector("form.compare button")).click();

            browser.await(By.cssSelector("pre.diff"));
            assertThat(browser.driver().getCurrentUrl()).endsWith("/task-definitions/console-web/2?compare=1");
            List<String> removed = texts(browser.driver().findElements(By.cssSelector("pre.diff .del")));
            List<String> added = texts(browser.driver().findElements(By.cssSelector("pre.diff .add")));
            assertThat(removed).anyMatch(line -> line.contains("\"image\": \"nginx:1.25\""))
                    .anyMatch(line -> line.contains("console-web:1"));
            assertThat(added).anyMatch(line -> line.contains("\"image\": \"nginx:1.27\""));
            assertThat(removed).as("what did not change is not marked").noneMatch(line -> line.contains("MODE"));
            browser.screenshot("console-task-definition-diff");

            browser.go(ConsolePaths.revision("us-east-1", "console-web", 1));
            browser.driver().findElement(By.cssSelector("form.deregister button")).click();
            browser.waiting().until(driver -> {
                try {
                    driver.switchTo().alert().accept();
                    return true;
                } catch (NoAlertPresentException e) {
                    return false;
                }
            });
            browser.awaitText(By.cssSelector(".revision-status"), "INACTIVE");
            assertThat(browser.driver().findElement(By.cssSelector(".flash")).getText())
                    .contains("Deregistered console-web:1");
            assertThat(browser.driver().findElements(By.cssSelector("form.deregister"))).isEmpty();
            browser.screenshot("console-task-definition-deregistered");

            browser.go(ConsolePaths.family("us-east-1", "console-web"));
            assertThat(browser.await(By.cssSelector("tr[data-revision='1']")).getText()).contains("INACTIVE");
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-revision='2']")).getText())
                    .contains("ACTIVE");
        }
        assertThat(SERVER.ecs().describeTaskDefinition(b -> b.taskDefinition("console-web:1")).taskDefinition()
                .statusAsString()).isEqualTo("INACTIVE");
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }
}

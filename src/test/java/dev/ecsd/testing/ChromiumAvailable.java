package dev.ecsd.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides whether browser tests run (use {@link RequiresChromium}): they need Debian's {@code chromium} and
 * {@code chromium-driver}. Without them they skip with the reason, except under CI=true, where {@code .ci/run}
 * installs both and a missing one is a broken machine.
 */
public final class ChromiumAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + missing);
        }
        return ConditionEvaluationResult.disabled(missing + " (apt-get install -y chromium chromium-driver)");
    }

    static String missing() {
        if (!Files.isExecutable(Path.of(Browser.CHROMIUM))) {
            return Browser.CHROMIUM + " is not installed";
        }
        if (!Files.isExecutable(Path.of(Browser.CHROMEDRIVER))) {
            return Browser.CHROMEDRIVER + " is not installed";
        }
        return null;
    }
}

package dev.ecsd.testing;

import dev.ecsd.agent.runtime.DockerRuntime;
import java.time.Duration;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides whether tests that need Docker run (use {@link RequiresDocker}): asks the engine at DOCKER_HOST (or
 * the default socket) once per JVM. No answer skips them with the reason, except under CI=true, where a
 * missing engine is a broken machine and fails them.
 */
public final class DockerAvailable implements ExecutionCondition {
    private static volatile String engine;
    private static volatile String unavailableReason;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        probeOnce();
        if (unavailableReason == null) {
            return ConditionEvaluationResult.enabled(engine);
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and no Docker Engine answers: " + unavailableReason);
        }
        return ConditionEvaluationResult.disabled("no Docker Engine answers: " + unavailableReason);
    }

    /** Whether an engine answered; for code that chooses what to do without skipping. */
    public static boolean isAvailable() {
        probeOnce();
        return unavailableReason == null;
    }

    private static synchronized void probeOnce() {
        if (engine != null || unavailableReason != null) {
            return;
        }
        DockerRuntime.Options options = DockerRuntime.Options.fromEnvironment().withOperationTimeout(Duration.ofSeconds(10));
        try (DockerRuntime runtime = new DockerRuntime(options)) {
            engine = runtime.ping();
        } catch (RuntimeException e) {
            unavailableReason = e.getMessage();
        }
    }
}

package dev.ecsd.agent;

import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.ContainerDependency;
import dev.ecsd.model.ContainerStatus;
import dev.ecsd.model.HealthStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.TaskContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resolves {@code dependsOn}: whether a container may start now, must wait, or never can. Pure. */
public final class Dependencies {
    public enum Readiness { READY, WAIT, NEVER }

    /** The outcome and, for NEVER, which dependency cannot be met and why. */
    public record Verdict(Readiness readiness, String reason) {
        static final Verdict READY = new Verdict(Readiness.READY, null);
        static final Verdict WAIT = new Verdict(Readiness.WAIT, null);
    }

    private Dependencies() {
    }

    /** The dependencies of a container that are not met yet (whether or not they still can be). */
    public static List<ContainerDependency> unmet(ContainerDefinition container, Map<String, TaskContainer> containers) {
        List<ContainerDependency> unmet = new ArrayList<>();
        for (ContainerDependency dependency : Lists.orEmpty(container.dependsOn())) {
            if (check(dependency, containers).readiness() != Readiness.READY) {
                unmet.add(dependency);
            }
        }
        return unmet;
    }

    /** Whether a container may start: NEVER if any dependency cannot be met, WAIT if any is not met yet. */
    public static Verdict check(ContainerDefinition container, Map<String, TaskContainer> containers) {
        boolean waiting = false;
        for (ContainerDependency dependency : Lists.orEmpty(container.dependsOn())) {
            Verdict verdict = check(dependency, containers);
            if (verdict.readiness() == Readiness.NEVER) {
                return verdict;
            }
            waiting |= verdict.readiness() == Readiness.WAIT;
        }
        return waiting ? Verdict.WAIT : Verdict.READY;
    }

    private static Verdict check(ContainerDependency dependency, Map<String, TaskContainer> containers) {
        TaskContainer target = containers.get(dependency.containerName());
        if (target == null) {
            return new Verdict(Readiness.NEVER, "dependency " + dependency.containerName() + " does not exist");
        }
        boolean started = target.startedAt() != null;
        boolean exited = target.lastStatus() == ContainerStatus.STOPPED;
        return switch (dependency.condition()) {
            case "START" -> started ? Verdict.READY : Verdict.WAIT;
            case "COMPLETE" -> exited ? Verdict.READY : Verdict.WAIT;
            case "SUCCESS" -> {
                if (exited && !Integer.valueOf(0).equals(target.exitCode())) {
                    yield new Verdict(Readiness.NEVER, "dependency " + target.name()
                            + " exited with code " + target.exitCode() + ", not 0 (condition SUCCESS)");
                }
                yield exited ? Verdict.READY : Verdict.WAIT;
            }
            case "HEALTHY" -> {
                if (exited) {
                    yield new Verdict(Readiness.NEVER, "dependency " + target.name()
                            + " exited before it was healthy (condition HEALTHY)");
                }
                yield target.healthStatus() == HealthStatus.HEALTHY ? Verdict.READY : Verdict.WAIT;
            }
            default -> new Verdict(Readiness.NEVER, "unknown dependency condition " + dependency.condition());
        };
    }
}

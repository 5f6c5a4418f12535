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
            ContainerDefinition alone = new ContainerDefinition(container.name(), container.image(), null, null, null,
                    null, container.essential(), null, null, null, null, null, null, null, List.of(dependency), null,
                    null, null, null, null, null, null, null, null, null, null, Map.of());
            if (check(alone, containers).readiness() != Readiness.READY) {
                unmet.add(dependency);
            }
        }
        return unmet;
    }

    public static Verdict check(ContainerDefinition container, Map<String, TaskContainer> containers) {
        boolean waiting = false;
        for (ContainerDependency dependency : Lists.orEmpty(container.dependsOn())) {
            TaskContainer target = containers.get(dependency.containerName());
            if (target == null) {
                return new Verdict(Readiness.NEVER, "dependency " + dependency.containerName() + " does not exist");
            }
            boolean started = target.startedAt() != null;
            boolean exited = target.lastStatus() == ContainerStatus.STOPPED;
            switch (dependency.condition()) {
                case "START" -> waiting |= !started;
                case "COMPLETE" -> waiting |= !exited;
                case "SUCCESS" -> {
                    if (exited && !Integer.valueOf(0).equals(target.exitCode())) {
                        return new Verdict(Readiness.NEVER, "dependency " + target.name()
                                + " exited with code " + target.exitCode() + ", not 0 (condition SUCCESS)");
                    }
                    waiting |= !exited;
                }
                case "HEALTHY" -> {
                    if (exited) {
                        return new Verdict(Readiness.NEVER, "dependency " + target.name()
                                + " exited before it was healthy (condition HEALTHY)");
                    }
                    waiting |= target.healthStatus() != HealthStatus.HEALTHY;
                }
                default -> {
                    return new Verdict(Readiness.NEVER, "unknown dependency condition " + dependency.condition());
                }
            }
        }
        return waiting ? Verdict.WAIT : Verdict.READY;
    }
}

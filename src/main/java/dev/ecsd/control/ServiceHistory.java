package dev.ecsd.control;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentConfiguration;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.RolloutState;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment.CircuitBreaker;
import dev.ecsd.model.ServiceDeployment.RevisionCounts;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceDeploymentStatus;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.model.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS's deployment history as a translation of what the service commands and the scheduler already decided: given a
 * service before and after one write, which service revisions are new and how each service deployment moves. Pure;
 * {@link ServiceHistoryWriter} gives it the records it reads and writes what it answers in the same transaction.
 */
public final class ServiceHistory {
    static final String SUPERSEDED = "Service deployment stopped because a new service deployment started.";
    static final String STOPPED_BY_REQUEST = "Service deployment stopped by a StopServiceDeployment request.";

    private ServiceHistory() {
    }

    /** A deployment's tasks now: running, and pending (provisioning, pending or activating). */
    public record TaskCounts(int running, int pending) {
        public static final TaskCounts NONE = new TaskCounts(0, 0);
    }

    /**
     * What the translation reads. {@code before} is null for a new service; {@code existing} holds the history
     * records of the deployments of {@code before} and {@code after}, by deployment id; {@code counts} their tasks, by
     * deployment id; {@code definitions} the task definitions of new deployments, by ARN.
     */
    public record Inputs(Service before, Service after, Map<String, ServiceDeployment> existing,
            Map<String, TaskCounts> counts, Map<String, TaskDefinition> definitions, Instant now) {
    }

    /** The revisions to add and the service deployments to add or replace. */
    public record Changes(List<ServiceRevision> revisions, List<ServiceDeployment> deployments) {
        public boolean isEmpty() {
            return revisions.isEmpty() && deployments.isEmpty();
        }
    }

    public static Changes translate(Inputs in) {
        Service after = in.after();
        Map<String, Deployment> now = byId(after);
        Map<String, Deployment> before = in.before() == null ? Map.of() : byId(in.before());
        Map<String, ServiceDeployment> records = new LinkedHashMap<>(in.existing());
        for (ServiceDeployment record : in.existing().values()) {
            if (record.status().isOngoing()) {
                records.put(record.deploymentId(), advance(record, now, after, in));
            }
        }
        List<ServiceRevision> revisions = new ArrayList<>();
        Deployment primary = after.primary().orElse(null);
        if (primary != null && !in.existing().containsKey(primary.id()) && !before.containsKey(primary.id())
                && primary.rolloutState() == RolloutState.IN_PROGRESS) {
            // a new deployment supersedes every one still under way
            records.replaceAll((id, record) -> record.status().isOngoing()
                    ? record.withStatus(ServiceDeploymentStatus.STOPPED, SUPERSEDED, in.now()) : record);
            ServiceRevision revision = ServiceRevisions.of(after, primary,
                    in.definitions().get(primary.taskDefinition()));
            revisions.add(revision);
            records.put(primary.id(), started(after, primary, in));
        }
        List<ServiceDeployment> changed = new ArrayList<>();
        records.forEach((id, record) -> {
            ServiceDeployment old = in.existing().get(id);
            if (!record.equals(old)) {
                changed.add(record.withUpdatedAt(in.now()));
            }
        });
        return new Changes(revisions, changed);
    }

    /** One ongoing history record after the write: its status, circuit breaker and task counts. */
    private static ServiceDeployment advance(ServiceDeployment record, Map<String, Deployment> now, Service after,
            Inputs in) {
        Deployment deployment = now.get(record.deploymentId());
        Deployment primary = after.primary().orElse(null);
        ServiceDeployment next = record;
        switch (record.status()) {
            case PENDING, IN_PROGRESS, STOP_REQUESTED, ROLLBACK_REQUESTED -> {
                if (deployment == null) {
                    break;
                }
                if (deployment.rolloutState() == RolloutState.COMPLETED
                        && record.status() == ServiceDeploymentStatus.IN_PROGRESS) {
                    next = next.withStatus(ServiceDeploymentStatus.SUCCESSFUL, null, in.now())
                            .withCircuitBreaker(breaker(next, "MONITORING_COMPLETE", deployment));
                } else if (deployment.rolloutState() == RolloutState.FAILED) {
                    next = failed(next, deployment, primary, in.now());
                } else if (record.status() == ServiceDeploymentStatus.IN_PROGRESS) {
                    next = next.withCircuitBreaker(breaker(next, null, deployment));
                }
            }
            case ROLLBACK_IN_PROGRESS -> {
                Deployment target = record.rollback() == null ? null : now.values().stream()
                        .filter(d -> ServiceRevision.arnOf(after.serviceArn(), d.id())
                                .equals(record.rollback().serviceRevisionArn()))
                        .findFirst().orElse(null);
                if (target != null && target.rolloutState() == RolloutState.COMPLETED
                        && target.status() == DeploymentStatus.PRIMARY) {
                    next = next.withStatus(ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL, null, in.now());
                } else if (target != null && target.rolloutState() == RolloutState.FAILED) {
                    next = next.withStatus(ServiceDeploymentStatus.ROLLBACK_FAILED, target.rolloutStateReason(),
                            in.now());
                }
            }
            default -> {
            }
        }
        return next.withCounts(counts(record.sourceServiceRevisions(), now, after, in),
                counts(record.targetServiceRevision(), now, after, in));
    }

    /**
     * A deployment that failed: rolled back when another deployment became primary (the circuit breaker's rollback, or
     * a StopServiceDeployment's), else stopped where it is. The breaker triggered unless a user asked for the stop.
     */
    private static ServiceDeployment failed(ServiceDeployment record, Deployment deployment, Deployment primary,
            Instant at) {
        boolean byRequest = record.status() == ServiceDeploymentStatus.ROLLBACK_REQUESTED
                || record.status() == ServiceDeploymentStatus.STOP_REQUESTED;
        ServiceDeployment next = byRequest ? record
                : record.withCircuitBreaker(breaker(record, "TRIGGERED", deployment));
        if (primary != null && !primary.id().equals(deployment.id())) {
            String revision = ServiceRevision.arnOf(record.serviceArn(), primary.id());
            return next.withStatus(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS, deployment.rolloutStateReason(), at)
                    .withRollback(new ServiceDeployment.Rollback(primary.rolloutStateReason(), at, revision));
        }
        return next.withStatus(ServiceDeploymentStatus.STOPPED,
                byRequest ? STOPPED_BY_REQUEST : deployment.rolloutStateReason(), at);
    }

    /** The breaker block with a new status (null: keep it) and the deployment's failure count. */
    private static CircuitBreaker breaker(ServiceDeployment record, String status, Deployment deployment) {
        CircuitBreaker current = record.deploymentCircuitBreaker();
        if (current == null || "DISABLED".equals(current.status())) {
            return current;
        }
        return new CircuitBreaker(status == null ? current.status() : status, deployment.failedTasks(),
                current.threshold());
    }

    private static ServiceDeployment started(Service after, Deployment primary, Inputs in) {
        List<RevisionCounts> sources = new ArrayList<>();
        for (Deployment other : Lists.orEmpty(after.deployments())) {
            if (!other.id().equals(primary.id())) {
                sources.add(countsOf(after, other, in));
            }
        }
        DeploymentConfiguration configuration = after.deploymentConfiguration() == null
                ? DeploymentConfiguration.defaults() : after.deploymentConfiguration();
        CircuitBreaker breaker = configuration.circuitBreakerEnabled()
                ? new CircuitBreaker("MONITORING", 0,
                        ServicePlanner.circuitBreakerThreshold(after.desiredCount(), configuration))
                : new CircuitBreaker("DISABLED", 0, 0);
        return new ServiceDeployment(ServiceDeployment.arnOf(after.serviceArn(), primary.id()), after.serviceArn(),
                after.clusterArn(), primary.id(), primary.createdAt(), primary.createdAt(), null, null, in.now(),
                sources, countsOf(after, primary, in), ServiceDeploymentStatus.IN_PROGRESS, null, configuration, null,
                breaker, ServiceDeployment.Alarms.DISABLED);
    }

    private static List<RevisionCounts> counts(List<RevisionCounts> revisions, Map<String, Deployment> now,
            Service after, Inputs in) {
        return Lists.orEmpty(revisions).stream().map(r -> counts(r, now, after, in)).toList();
    }

    /** A revision's counts as they are now, when its deployment is still the service's; as they were, when not. */
    private static RevisionCounts counts(RevisionCounts revision, Map<String, Deployment> now, Service after,
            Inputs in) {
        if (revision == null) {
            return null;
        }
        return now.values().stream()
                .filter(d -> ServiceRevision.arnOf(after.serviceArn(), d.id()).equals(revision.arn()))
                .findFirst().map(d -> countsOf(after, d, in)).orElse(revision);
    }

    private static RevisionCounts countsOf(Service service, Deployment deployment, Inputs in) {
        TaskCounts tasks = in.counts().getOrDefault(deployment.id(), TaskCounts.NONE);
        return new RevisionCounts(ServiceRevision.arnOf(service.serviceArn(), deployment.id()),
                deployment.desiredCount(), tasks.running(), tasks.pending());
    }

    private static Map<String, Deployment> byId(Service service) {
        Map<String, Deployment> byId = new LinkedHashMap<>();
        Lists.orEmpty(service.deployments()).forEach(d -> byId.put(d.id(), d));
        return byId;
    }
}

package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * One deployment of a service as ECS's deployment history shows it: the revisions it replaces and the one it
 * deploys (with task counts), its status, the circuit breaker's verdict and any rollback. {@code deploymentId} is the
 * service's deployment ({@code ecs-svc/…}) it follows; its ARN is derived from that id ({@link #arnOf}), so the
 * scheduler finds a deployment's history record without a lookup.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceDeployment(
        String serviceDeploymentArn,
        String serviceArn,
        String clusterArn,
        String deploymentId,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant stoppedAt,
        Instant updatedAt,
        List<RevisionCounts> sourceServiceRevisions,
        RevisionCounts targetServiceRevision,
        ServiceDeploymentStatus status,
        String statusReason,
        DeploymentConfiguration deploymentConfiguration,
        Rollback rollback,
        CircuitBreaker deploymentCircuitBreaker,
        Alarms alarms) {

    public ServiceDeployment {
        sourceServiceRevisions = Lists.copy(sourceServiceRevisions);
    }

    /** A revision and its tasks: asked for, running, and pending. */
    public record RevisionCounts(String arn, int requestedTaskCount, int runningTaskCount, int pendingTaskCount) {
    }

    /** Why and when a rollback started, and the revision it went back to. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rollback(String reason, Instant startedAt, String serviceRevisionArn) {
    }

    /** The circuit breaker's state for this deployment: DISABLED, MONITORING, MONITORING_COMPLETE or TRIGGERED. */
    public record CircuitBreaker(String status, int failureCount, int threshold) {
    }

    /** The CloudWatch alarms watching this deployment (ecsd's deployments watch none: DISABLED). */
    public record Alarms(String status, List<String> alarmNames, List<String> triggeredAlarmNames) {
        public static final Alarms DISABLED = new Alarms("DISABLED", List.of(), List.of());

        public Alarms {
            alarmNames = Lists.copy(alarmNames);
            triggeredAlarmNames = Lists.copy(triggeredAlarmNames);
        }
    }

    /**
     * The ARN of the history record of deployment {@code deploymentId} of {@code serviceArn}. ECS's ids are 22
     * URL-safe base64 characters; this one is a digest of the deployment's id, so it is the same at every lookup.
     */
    public static String arnOf(String serviceArn, String deploymentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(deploymentId.getBytes(StandardCharsets.UTF_8));
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
            return childArn(serviceArn, "service-deployment", id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code arn:…:service/<cluster>/<service>} → {@code arn:…:<type>/<cluster>/<service>/<id>}. */
    static String childArn(String serviceArn, String type, String id) {
        int resource = serviceArn.indexOf(":service/");
        return serviceArn.substring(0, resource + 1) + type + serviceArn.substring(resource + ":service".length())
                + "/" + id;
    }

    public ServiceDeployment withStatus(ServiceDeploymentStatus next, String reason, Instant at) {
        boolean ends = next == ServiceDeploymentStatus.SUCCESSFUL || next == ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL
                || next == ServiceDeploymentStatus.ROLLBACK_FAILED;
        Instant finished = ends ? at : finishedAt;
        Instant stopped = next == ServiceDeploymentStatus.STOPPED ? at : stoppedAt;
        return new ServiceDeployment(serviceDeploymentArn, serviceArn, clusterArn, deploymentId, createdAt, startedAt,
                finished, stopped, updatedAt, sourceServiceRevisions, targetServiceRevision, next,
                reason == null ? statusReason : reason, deploymentConfiguration, rollback, deploymentCircuitBreaker,
                alarms);
    }

    public ServiceDeployment withCounts(List<RevisionCounts> sources, RevisionCounts target) {
        return new ServiceDeployment(serviceDeploymentArn, serviceArn, clusterArn, deploymentId, createdAt, startedAt,
                finishedAt, stoppedAt, updatedAt, sources, target, status, statusReason, deploymentConfiguration,
                rollback, deploymentCircuitBreaker, alarms);
    }

    public ServiceDeployment withCircuitBreaker(CircuitBreaker breaker) {
        return new ServiceDeployment(serviceDeploymentArn, serviceArn, clusterArn, deploymentId, createdAt, startedAt,
                finishedAt, stoppedAt, updatedAt, sourceServiceRevisions, targetServiceRevision, status, statusReason,
                deploymentConfiguration, rollback, breaker, alarms);
    }

    public ServiceDeployment withRollback(Rollback started) {
        return new ServiceDeployment(serviceDeploymentArn, serviceArn, clusterArn, deploymentId, createdAt, startedAt,
                finishedAt, stoppedAt, updatedAt, sourceServiceRevisions, targetServiceRevision, status, statusReason,
                deploymentConfiguration, started, deploymentCircuitBreaker, alarms);
    }

    public ServiceDeployment withUpdatedAt(Instant at) {
        return new ServiceDeployment(serviceDeploymentArn, serviceArn, clusterArn, deploymentId, createdAt, startedAt,
                finishedAt, stoppedAt, at, sourceServiceRevisions, targetServiceRevision, status, statusReason,
                deploymentConfiguration, rollback, deploymentCircuitBreaker, alarms);
    }

    /** When it ended (finished or stopped), or null while it is ongoing. */
    public Instant endedAt() {
        return finishedAt != null ? finishedAt : stoppedAt;
    }
}

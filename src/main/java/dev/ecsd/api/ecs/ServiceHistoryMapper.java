package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceRevision;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerImage;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Rollback;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/** Maps service deployments and service revisions to the SDK's shapes. */
final class ServiceHistoryMapper {
    private ServiceHistoryMapper() {
    }

    static software.amazon.awssdk.services.ecs.model.ServiceDeployment toSdk(ServiceDeployment deployment) {
        ServiceDeployment.Rollback rollback = deployment.rollback();
        ServiceDeployment.CircuitBreaker breaker = deployment.deploymentCircuitBreaker();
        ServiceDeployment.Alarms alarms = deployment.alarms();
        return software.amazon.awssdk.services.ecs.model.ServiceDeployment.builder()
                .serviceDeploymentArn(deployment.serviceDeploymentArn())
                .serviceArn(deployment.serviceArn())
                .clusterArn(deployment.clusterArn())
                .createdAt(deployment.createdAt())
                .startedAt(deployment.startedAt())
                .finishedAt(deployment.finishedAt())
                .stoppedAt(deployment.stoppedAt())
                .updatedAt(deployment.updatedAt())
                .sourceServiceRevisions(deployment.sourceServiceRevisions().stream()
                        .map(ServiceHistoryMapper::summary).toList())
                .targetServiceRevision(summary(deployment.targetServiceRevision()))
                .status(deployment.status().name())
                .statusReason(deployment.statusReason())
                .deploymentConfiguration(ServiceMapper.deploymentConfiguration(deployment.deploymentConfiguration()))
                .rollback(rollback == null ? null : Rollback.builder().reason(rollback.reason())
                        .startedAt(rollback.startedAt()).serviceRevisionArn(rollback.serviceRevisionArn()).build())
                .deploymentCircuitBreaker(breaker == null ? null : ServiceDeploymentCircuitBreaker.builder()
                        .status(breaker.status()).failureCount(breaker.failureCount())
                        .threshold(breaker.threshold()).build())
                .alarms(alarms == null ? null : ServiceDeploymentAlarms.builder().status(alarms.status())
                        .alarmNames(alarms.alarmNames()).triggeredAlarmNames(alarms.triggeredAlarmNames()).build())
                .build();
    }

    static ServiceDeploymentBrief brief(ServiceDeployment deployment) {
        return ServiceDeploymentBrief.builder()
                .serviceDeploymentArn(deployment.serviceDeploymentArn())
                .serviceArn(deployment.serviceArn())
                .clusterArn(deployment.clusterArn())
                .startedAt(deployment.startedAt())
                .createdAt(deployment.createdAt())
                .finishedAt(deployment.finishedAt())
                .targetServiceRevisionArn(deployment.targetServiceRevision() == null ? null
                        : deployment.targetServiceRevision().arn())
                .status(deployment.status().name())
                .statusReason(deployment.statusReason())
                .build();
    }

    static software.amazon.awssdk.services.ecs.model.ServiceRevision toSdk(ServiceRevision revision) {
        return software.amazon.awssdk.services.ecs.model.ServiceRevision.builder()
                .serviceRevisionArn(revision.serviceRevisionArn())
                .serviceArn(revision.serviceArn())
                .clusterArn(revision.clusterArn())
                .taskDefinition(revision.taskDefinition())
                .capacityProviderStrategy(ClusterMapper.strategy(revision.capacityProviderStrategy()))
                .launchType(revision.launchType())
                .platformVersion(revision.platformVersion())
                .platformFamily(revision.platformFamily())
                .loadBalancers(SdkBridge.toSdk(revision.loadBalancers(), LoadBalancer::builder))
                .serviceRegistries(SdkBridge.toSdk(revision.serviceRegistries(), ServiceRegistry::builder))
                .networkConfiguration(SdkBridge.toSdk(revision.networkConfiguration(), NetworkConfiguration::builder))
                .containerImages(revision.containerImages().stream().map(image -> ContainerImage.builder()
                        .containerName(image.containerName()).imageDigest(image.imageDigest()).image(image.image())
                        .build()).toList())
                .guardDutyEnabled(false)
                .volumeConfigurations(List.of())
                .createdAt(revision.createdAt())
                .build();
    }

    private static ServiceRevisionSummary summary(ServiceDeployment.RevisionCounts counts) {
        return counts == null ? null : ServiceRevisionSummary.builder().arn(counts.arn())
                .requestedTaskCount(counts.requestedTaskCount()).runningTaskCount(counts.runningTaskCount())
                .pendingTaskCount(counts.pendingTaskCount()).build();
    }
}

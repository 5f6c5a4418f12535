package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.control.ServiceCommand;
import dev.ecsd.control.ServiceCommands;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.ServiceDeploymentStatus;
import dev.ecsd.model.ServiceRevision;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CreatedAt;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentResponse;

/**
 * A service's deployment history: ListServiceDeployments (newest first, with status and createdAt filters),
 * DescribeServiceDeployments, DescribeServiceRevisions, and StopServiceDeployment, which rolls a deployment in
 * progress back (or, with ABORT, stops it where it is) through the service commands.
 */
final class ServiceDeploymentOperations {
    private static final int MAX_DESCRIBE = 20;
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final StateStore store;
    private final EcsResources resources;
    private final ServiceCommands commands;

    ServiceDeploymentOperations(StateStore store, EcsResources resources, ServiceCommands commands) {
        this.store = store;
        this.resources = resources;
        this.commands = commands;
    }

    ListServiceDeploymentsResponse listServiceDeployments(ListServiceDeploymentsRequest request) {
        Snapshot state = store.snapshot();
        Cluster cluster = resources.activeCluster(state, request.cluster());
        String identifier = request.service();
        if (identifier == null || identifier.isBlank()) {
            throw ApiException.invalidParameter("The service name or ARN is required.");
        }
        String serviceArn = Arns.isArn(identifier) ? identifier
                : resources.arns().service(cluster.clusterName(), identifier);
        Service service = state.find(Kind.SERVICE, serviceArn)
                .filter(s -> s.clusterArn().equals(cluster.clusterArn()))
                .orElseThrow(() -> new ApiException(ErrorType.SERVICE_NOT_FOUND, "Service not found."));
        Set<ServiceDeploymentStatus> statuses = statuses(request.statusAsStrings());
        CreatedAt created = request.createdAt();
        Instant after = created == null ? null : created.after();
        Instant before = created == null ? null : created.before();
        List<ServiceDeployment> matching = state.indexed(Kind.SERVICE_DEPLOYMENT, service.serviceArn())
                .filter(d -> statuses.isEmpty() || statuses.contains(d.status()))
                .filter(d -> after == null || !d.createdAt().isBefore(after))
                .filter(d -> before == null || !d.createdAt().isAfter(before))
                .sorted(Comparator.comparing(ServiceDeploymentOperations::pageKey))
                .toList();
        Pages.Page<ServiceDeployment> page = Pages.page(matching, ServiceDeploymentOperations::pageKey,
                request.maxResults(), DEFAULT_PAGE, MAX_PAGE, request.nextToken());
        return ListServiceDeploymentsResponse.builder()
                .serviceDeployments(page.items().stream().map(ServiceHistoryMapper::brief).toList())
                .nextToken(page.nextToken())
                .build();
    }

    /** Newest first: the creation time counted down, then the ARN, so the order is total and stable. */
    private static String pageKey(ServiceDeployment deployment) {
        return String.format("%019d", Long.MAX_VALUE - deployment.createdAt().toEpochMilli()) + " "
                + deployment.serviceDeploymentArn();
    }

    private static Set<ServiceDeploymentStatus> statuses(List<String> given) {
        Set<ServiceDeploymentStatus> statuses = EnumSet.noneOf(ServiceDeploymentStatus.class);
        for (String value : given) {
            statuses.add(status(value));
        }
        return statuses;
    }

    private static ServiceDeploymentStatus status(String value) {
        try {
            return ServiceDeploymentStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("Invalid status value '" + value + "'. Valid values are "
                    + List.of(ServiceDeploymentStatus.values()) + ".");
        }
    }

    DescribeServiceDeploymentsResponse describeServiceDeployments(DescribeServiceDeploymentsRequest request) {
        checkCount(request.serviceDeploymentArns(), "serviceDeploymentArns");
        Snapshot state = store.snapshot();
        List<software.amazon.awssdk.services.ecs.model.ServiceDeployment> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : request.serviceDeploymentArns()) {
            state.find(Kind.SERVICE_DEPLOYMENT, arn).ifPresentOrElse(
                    d -> found.add(ServiceHistoryMapper.toSdk(d)),
                    () -> failures.add(Failure.builder().arn(arn).reason("MISSING").build()));
        }
        return DescribeServiceDeploymentsResponse.builder().serviceDeployments(found).failures(failures).build();
    }

    DescribeServiceRevisionsResponse describeServiceRevisions(DescribeServiceRevisionsRequest request) {
        checkCount(request.serviceRevisionArns(), "serviceRevisionArns");
        Snapshot state = store.snapshot();
        List<software.amazon.awssdk.services.ecs.model.ServiceRevision> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : request.serviceRevisionArns()) {
            state.find(Kind.SERVICE_REVISION, arn).ifPresentOrElse(
                    r -> found.add(ServiceHistoryMapper.toSdk(r)),
                    () -> failures.add(Failure.builder().arn(arn).reason("MISSING").build()));
        }
        return DescribeServiceRevisionsResponse.builder().serviceRevisions(found).failures(failures).build();
    }

    private static void checkCount(List<String> arns, String member) {
        // ECS documents the limit of 20 ARNs but not its message: ours
        if (arns.isEmpty()) {
            throw ApiException.invalidParameter(member + " cannot be empty.");
        }
        if (arns.size() > MAX_DESCRIBE) {
            throw ApiException.invalidParameter(member + " can have at most " + MAX_DESCRIBE + " ARNs; the request "
                    + "gives " + arns.size() + ".");
        }
    }

    /**
     * Stops a deployment that is pending or in progress: it becomes ROLLBACK_REQUESTED (STOP_REQUESTED for ABORT) and
     * the command that rolls the service back runs in the same write, so the answer already finds it
     * ROLLBACK_IN_PROGRESS (or STOPPED). One already being stopped or rolled back is left to continue, as ECS
     * documents; a finished one is a ConflictException.
     */
    StopServiceDeploymentResponse stopServiceDeployment(StopServiceDeploymentRequest request) {
        String stopType = request.stopTypeAsString() == null ? "ROLLBACK" : request.stopTypeAsString();
        if (!"ROLLBACK".equals(stopType) && !"ABORT".equals(stopType)) {
            throw ApiException.invalidParameter("Invalid stopType '" + stopType + "'. Valid values are ROLLBACK and "
                    + "ABORT.");
        }
        boolean rollback = "ROLLBACK".equals(stopType);
        String arn = request.serviceDeploymentArn();
        store.write(tx -> {
            // ECS documents ServiceDeploymentNotFoundException and no message: ours
            ServiceDeployment deployment = tx.find(Kind.SERVICE_DEPLOYMENT, arn).orElseThrow(() -> new ApiException(
                    ErrorType.SERVICE_DEPLOYMENT_NOT_FOUND, "The service deployment " + arn + " does not exist."));
            switch (deployment.status()) {
                case PENDING, IN_PROGRESS -> {
                    tx.put(Kind.SERVICE_DEPLOYMENT, deployment.withStatus(rollback
                            ? ServiceDeploymentStatus.ROLLBACK_REQUESTED : ServiceDeploymentStatus.STOP_REQUESTED,
                            null, tx.now()).withUpdatedAt(tx.now()));
                    commands.apply(tx, new ServiceCommand.StopDeployment(deployment.serviceArn(),
                            deployment.deploymentId(), rollback));
                }
                case STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS -> {
                    // already stopping: it continues, as ECS documents
                }
                default -> throw new ApiException(ErrorType.CONFLICT, "The service deployment is "
                        + deployment.status() + " and cannot be stopped.");
            }
            return null;
        });
        return StopServiceDeploymentResponse.builder().serviceDeploymentArn(arn).build();
    }
}

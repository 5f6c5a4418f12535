package dev.ecsd.api.ecs;

import dev.ecsd.api.Pages;
import dev.ecsd.control.TaskDefinitionCommands;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.EcsQuotas;
import dev.ecsd.model.Lists;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionFamily;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.protocol.AwsJsonCodec;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesResponse;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;

/** RegisterTaskDefinition, DescribeTaskDefinition, the two List operations, deregistration and deletion. */
public final class TaskDefinitionOperations {
    private static final String UNABLE_TO_DESCRIBE = "Unable to describe task definition.";
    private static final Comparator<TaskDefinition> BY_FAMILY_AND_REVISION =
            Comparator.comparing(TaskDefinition::family).thenComparingInt(TaskDefinition::revision);

    private final StateStore store;
    private final EcsResources resources;
    private final EcsQuotas quotas;

    public TaskDefinitionOperations(StateStore store, EcsResources resources, EcsQuotas quotas) {
        this.store = store;
        this.resources = resources;
        this.quotas = quotas;
    }

    public RegisterTaskDefinitionResponse registerTaskDefinition(RegisterTaskDefinitionRequest request) {
        TaskDefinition requested = ModelJson.fromTree(AwsJsonCodec.write(request), TaskDefinition.class);
        TaskDefinition normalized = TaskDefinitionRules.normalize(requested);
        var tags = TagRules.validate(Lists.orEmpty(normalized.tags()));
        TaskDefinition registered = store.write(tx -> {
            int revision = tx.find(Kind.TASK_DEFINITION_FAMILY, normalized.family())
                    .map(TaskDefinitionFamily::lastRevision).orElse(0) + 1;
            quotas.checkRevision(normalized.family(), revision);
            tx.put(Kind.TASK_DEFINITION_FAMILY, new TaskDefinitionFamily(normalized.family(), revision));
            return tx.put(Kind.TASK_DEFINITION, new TaskDefinition(
                    resources.arns().taskDefinition(normalized.family(), revision), normalized.family(), revision,
                    TaskDefinitionStatus.ACTIVE, normalized.containerDefinitions(), normalized.taskRoleArn(),
                    normalized.executionRoleArn(), normalized.networkMode(), normalized.volumes(),
                    normalized.placementConstraints(), normalized.requiresCompatibilities(), normalized.compatibilities(),
                    normalized.requiresAttributes(), normalized.cpu(), normalized.memory(), normalized.pidMode(),
                    normalized.ipcMode(), tx.now(), null, null, resources.arns().rootPrincipal(), tags,
                    normalized.additionalFields()));
        });
        RegisterTaskDefinitionResponse.Builder response = RegisterTaskDefinitionResponse.builder()
                .taskDefinition(TaskDefinitionMapper.toSdk(registered));
        if (!tags.isEmpty()) {
            response.tags(ClusterMapper.tags(tags));
        }
        return response.build();
    }

    public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest request) {
        EcsResources.includesTags(request.includeAsStrings());
        TaskDefinition definition = resources.taskDefinition(store.snapshot(), request.taskDefinition(), UNABLE_TO_DESCRIBE)
                .orElseThrow(() -> ApiException.client(UNABLE_TO_DESCRIBE));
        DescribeTaskDefinitionResponse.Builder response = DescribeTaskDefinitionResponse.builder()
                .taskDefinition(TaskDefinitionMapper.toSdk(definition));
        if (request.includeAsStrings().contains("TAGS")) {
            response.tags(ClusterMapper.tags(definition.tags()));
        }
        return response.build();
    }

    public ListTaskDefinitionsResponse listTaskDefinitions(ListTaskDefinitionsRequest request) {
        TaskDefinitionStatus status = status(request.statusAsString(), Set.of("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS"));
        boolean descending = sortDescending(request.sortAsString());
        Comparator<TaskDefinition> order = descending ? BY_FAMILY_AND_REVISION.reversed() : BY_FAMILY_AND_REVISION;
        List<TaskDefinition> matching = store.snapshot().all(Kind.TASK_DEFINITION)
                .filter(d -> d.status() == status)
                .filter(d -> request.familyPrefix() == null || d.family().equals(request.familyPrefix()))
                .sorted(order)
                .toList();
        Comparator<String> keyOrder = descending ? Comparator.<String>naturalOrder().reversed() : Comparator.naturalOrder();
        Pages.Page<TaskDefinition> page = Pages.page(matching, TaskDefinitionOperations::sortKey, keyOrder,
                request.maxResults(), 100, 100, request.nextToken());
        return ListTaskDefinitionsResponse.builder()
                .taskDefinitionArns(page.items().stream().map(TaskDefinition::taskDefinitionArn).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public ListTaskDefinitionFamiliesResponse listTaskDefinitionFamilies(ListTaskDefinitionFamiliesRequest request) {
        // ECS lists ACTIVE and INACTIVE families alike unless asked for one status.
        String status = request.statusAsString() == null ? "ALL" : request.statusAsString();
        if (!Set.of("ACTIVE", "INACTIVE", "ALL").contains(status)) {
            throw ApiException.invalidParameter("Invalid status '" + Quoted.of(status)
                    + "'. Valid values are ACTIVE, INACTIVE and ALL.");
        }
        Map<String, List<TaskDefinition>> byFamily = new TreeMap<>();
        store.snapshot().all(Kind.TASK_DEFINITION)
                .filter(d -> request.familyPrefix() == null || d.family().startsWith(request.familyPrefix()))
                .forEach(d -> byFamily.computeIfAbsent(d.family(), f -> new ArrayList<>()).add(d));
        List<String> families = byFamily.entrySet().stream()
                .filter(e -> {
                    boolean anyActive = e.getValue().stream().anyMatch(d -> d.status() == TaskDefinitionStatus.ACTIVE);
                    boolean anyInactive = e.getValue().stream().anyMatch(d -> d.status() == TaskDefinitionStatus.INACTIVE);
                    // A family whose revisions are all being deleted is neither: ECS drops it once they are gone.
                    return switch (status) {
                        case "ACTIVE" -> anyActive;
                        case "INACTIVE" -> !anyActive && anyInactive;
                        default -> anyActive || anyInactive;
                    };
                })
                .map(Map.Entry::getKey)
                .toList();
        Pages.Page<String> page = Pages.page(families, f -> f, request.maxResults(), 100, 100, request.nextToken());
        return ListTaskDefinitionFamiliesResponse.builder().families(page.items()).nextToken(page.nextToken()).build();
    }

    public DeregisterTaskDefinitionResponse deregisterTaskDefinition(DeregisterTaskDefinitionRequest request) {
        EcsResources.TaskDefinitionName name = resources.taskDefinitionName(request.taskDefinition(),
                "Invalid task definition '" + Quoted.of(request.taskDefinition())
                        + "': give family:revision or a full ARN.");
        if (name.revision() == null) {
            throw ApiException.client("Invalid revision number. A revision is required: give family:revision or a full ARN.");
        }
        TaskDefinition deregistered = TaskDefinitionCommands.deregister(store,
                resources.arns().taskDefinition(name.family(), name.revision()));
        return DeregisterTaskDefinitionResponse.builder().taskDefinition(TaskDefinitionMapper.toSdk(deregistered)).build();
    }

    public DeleteTaskDefinitionsResponse deleteTaskDefinitions(DeleteTaskDefinitionsRequest request) {
        List<String> identifiers = request.taskDefinitions();
        if (identifiers.isEmpty() || identifiers.size() > 10) {
            throw ApiException.invalidParameter("DeleteTaskDefinitions takes 1 to 10 task definitions; the request names "
                    + identifiers.size() + ".");
        }
        List<TaskDefinition> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        store.write(tx -> {
            Map<String, TaskDefinition> changed = new LinkedHashMap<>();
            for (String identifier : identifiers) {
                EcsResources.TaskDefinitionName name = resources.taskDefinitionName(identifier,
                        "Invalid task definition '" + Quoted.of(identifier) + "': give family:revision or a full ARN.");
                if (name.revision() == null) {
                    throw ApiException.client("Invalid revision number for '" + Quoted.of(identifier)
                            + "'. You must specify a revision: give family:revision or a full ARN.");
                }
                String arn = resources.arns().taskDefinition(name.family(), name.revision());
                TaskDefinition definition = tx.find(Kind.TASK_DEFINITION, arn).orElse(null);
                if (definition == null) {
                    failures.add(Failure.builder().arn(arn).reason("TASK_DEFINITION_NOT_FOUND")
                            .detail("The specified task definition does not exist.").build());
                } else if (definition.status() == TaskDefinitionStatus.ACTIVE) {
                    failures.add(Failure.builder().arn(arn).reason("The specified task definition is still in ACTIVE "
                            + "status. Please deregister the target and try again.").build());
                } else if (definition.status() == TaskDefinitionStatus.DELETE_IN_PROGRESS) {
                    changed.put(arn, definition);
                } else {
                    changed.put(arn, tx.put(Kind.TASK_DEFINITION,
                            definition.withStatus(TaskDefinitionStatus.DELETE_IN_PROGRESS, definition.deregisteredAt(),
                                    tx.now())));
                }
            }
            deleted.addAll(changed.values());
            return null;
        });
        return DeleteTaskDefinitionsResponse.builder()
                .taskDefinitions(deleted.stream().map(TaskDefinitionMapper::toSdk).toList())
                .failures(failures)
                .build();
    }

    /** A key whose order is family, then revision as a number. */
    static String sortKey(TaskDefinition definition) {
        return definition.family() + "\u0000" + String.format("%010d", definition.revision());
    }

    private static TaskDefinitionStatus status(String value, Set<String> allowed) {
        if (value == null) {
            return TaskDefinitionStatus.ACTIVE;
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalidParameter("Invalid status '" + Quoted.of(value) + "'. Valid values are "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return TaskDefinitionStatus.valueOf(value);
    }

    private static boolean sortDescending(String sort) {
        if (sort == null || "ASC".equals(sort)) {
            return false;
        }
        if ("DESC".equals(sort)) {
            return true;
        }
        throw ApiException.invalidParameter("Invalid sort '" + Quoted.of(sort) + "'. Valid values are ASC and DESC.");
    }
}

package dev.ecsd.api.ecs;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.Cluster;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Quoted;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceStatus;
import dev.ecsd.model.Tag;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskSet;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;

/** TagResource, UntagResource and ListTagsForResource, for every taggable ECS resource ecsd keeps. */
public final class TagOperations {
    private final StateStore store;
    private final EcsResources resources;

    public TagOperations(StateStore store, EcsResources resources) {
        this.store = store;
        this.resources = resources;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        List<Tag> added = TagRules.validate(ClusterMapper.tagsFromSdk(request.tags()));
        store.write(tx -> {
            replaceTags(tx, request.resourceArn(), TagRules.merge(tags(tx.state(), request.resourceArn()), added));
            return null;
        });
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        store.write(tx -> {
            replaceTags(tx, request.resourceArn(),
                    TagRules.remove(tags(tx.state(), request.resourceArn()), request.tagKeys()));
            return null;
        });
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        return ListTagsForResourceResponse.builder()
                .tags(ClusterMapper.tags(tags(store.snapshot(), request.resourceArn())))
                .build();
    }

    private List<Tag> tags(Snapshot state, String arn) {
        return switch (resourceType(arn)) {
            case "cluster" -> cluster(state, arn).tags();
            case "task-definition" -> taskDefinition(state, arn).tags();
            case "task" -> task(state, arn).tags();
            case "service" -> service(state, arn).tags();
            case "task-set" -> taskSet(serviceOfTaskSet(state, arn), arn).tags();
            default -> throw notFound();
        };
    }

    private void replaceTags(Transaction tx, String arn, List<Tag> tags) {
        switch (resourceType(arn)) {
            case "cluster" -> tx.put(Kind.CLUSTER, cluster(tx.state(), arn).withTags(tags));
            case "task-definition" -> tx.put(Kind.TASK_DEFINITION, taskDefinition(tx.state(), arn).withTags(tags));
            case "task" -> tx.put(Kind.TASK, task(tx.state(), arn).toBuilder().tags(tags).build());
            case "service" -> tx.put(Kind.SERVICE, service(tx.state(), arn).toBuilder().tags(tags).build());
            case "task-set" -> {
                // a task set lives in its service's record
                Service service = serviceOfTaskSet(tx.state(), arn);
                TaskSet set = taskSet(service, arn);
                List<TaskSet> sets = new ArrayList<>(service.taskSets());
                sets.replaceAll(s -> s.id().equals(set.id()) ? set.withTags(tags) : s);
                tx.put(Kind.SERVICE, service.toBuilder().taskSets(sets).build());
            }
            default -> throw notFound();
        }
    }

    private String resourceType(String arn) {
        String resource = resources.arns().ecsResource(arn).orElseThrow(() -> ApiException.invalidParameter(
                "Invalid resourceArn '" + Quoted.of(arn) + "': expected an ECS ARN of this account and region."));
        int slash = resource.indexOf('/');
        return slash < 0 ? resource : resource.substring(0, slash);
    }

    private static Cluster cluster(Snapshot state, String arn) {
        return state.find(Kind.CLUSTER, arn).filter(Cluster::isActive)
                .orElseThrow(() -> new ApiException(ErrorType.CLUSTER_NOT_FOUND, "Cluster not found."));
    }

    private static TaskDefinition taskDefinition(Snapshot state, String arn) {
        return state.find(Kind.TASK_DEFINITION, arn).orElseThrow(TagOperations::notFound);
    }

    private static Task task(Snapshot state, String arn) {
        return state.find(Kind.TASK, arn).orElseThrow(TagOperations::notFound);
    }

    /** ServiceNotFoundException is not among the tag operations' errors: an unknown service is a resource not found. */
    private static Service service(Snapshot state, String arn) {
        return state.find(Kind.SERVICE, arn).filter(s -> s.status() != ServiceStatus.INACTIVE)
                .orElseThrow(TagOperations::notFound);
    }

    /** The service of a task set's ARN, task-set/{cluster}/{service}/{id}. */
    private Service serviceOfTaskSet(Snapshot state, String arn) {
        String[] parts = resources.arns().ecsResource(arn).orElseThrow().split("/");
        if (parts.length < 4) {
            throw notFound();
        }
        return service(state, resources.arns().service(parts[1], parts[2]));
    }

    private static TaskSet taskSet(Service service, String arn) {
        return Lists.orEmpty(service.taskSets()).stream().filter(s -> s.taskSetArn().equals(arn)).findFirst()
                .orElseThrow(TagOperations::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorType.RESOURCE_NOT_FOUND, "The specified resource could not be found.");
    }
}

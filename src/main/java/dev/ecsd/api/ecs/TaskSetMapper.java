package dev.ecsd.api.ecs;

import dev.ecsd.api.SdkBridge;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskSet;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.ScaleUnit;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;

/** Maps task sets to the SDK shape; running and pending counts are computed from the set's tasks. */
final class TaskSetMapper {
    private TaskSetMapper() {
    }

    /** The service's task sets, as DescribeServices lists them. */
    static List<software.amazon.awssdk.services.ecs.model.TaskSet> all(Snapshot state, Service service,
            boolean includeTags) {
        List<Task> tasks = tasksOf(state, service);
        return Lists.orEmpty(service.taskSets()).stream().map(s -> toSdk(service, s, tasks, includeTags)).toList();
    }

    static software.amazon.awssdk.services.ecs.model.TaskSet toSdk(Snapshot state, Service service, TaskSet taskSet,
            boolean includeTags) {
        return toSdk(service, taskSet, tasksOf(state, service), includeTags);
    }

    private static List<Task> tasksOf(Snapshot state, Service service) {
        return state.indexed(Kind.TASK, Kind.groupKey(service.clusterArn(), service.taskGroup()))
                .filter(service::owns).toList();
    }

    private static software.amazon.awssdk.services.ecs.model.TaskSet toSdk(Service service, TaskSet taskSet,
            List<Task> tasks, boolean includeTags) {
        List<Task> mine = tasks.stream().filter(t -> taskSet.id().equals(t.startedBy())).toList();
        boolean fargate = !"EC2".equals(taskSet.launchType());
        return software.amazon.awssdk.services.ecs.model.TaskSet.builder()
                .id(taskSet.id())
                .taskSetArn(taskSet.taskSetArn())
                .serviceArn(service.serviceArn())
                .clusterArn(service.clusterArn())
                .startedBy(taskSet.startedBy())
                .externalId(taskSet.externalId())
                .status(taskSet.status().name())
                .taskDefinition(taskSet.taskDefinition())
                .computedDesiredCount(taskSet.computedDesiredCount())
                .pendingCount((int) mine.stream().filter(Task::isPending).count())
                .runningCount((int) mine.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count())
                .createdAt(taskSet.createdAt())
                .updatedAt(taskSet.updatedAt())
                .launchType(taskSet.launchType())
                .capacityProviderStrategy(ClusterMapper.strategy(taskSet.capacityProviderStrategy()))
                .platformVersion(fargate ? taskSet.platformVersion() : null)
                .platformFamily(fargate ? "Linux" : null)
                .networkConfiguration(SdkBridge.toSdk(taskSet.networkConfiguration(), NetworkConfiguration::builder))
                .loadBalancers(SdkBridge.toSdk(Lists.orEmpty(taskSet.loadBalancers()), LoadBalancer::builder))
                .serviceRegistries(SdkBridge.toSdk(Lists.orEmpty(taskSet.serviceRegistries()),
                        ServiceRegistry::builder))
                .scale(Scale.builder().value(taskSet.scalePercent()).unit(ScaleUnit.PERCENT).build())
                .stabilityStatus(taskSet.stabilityStatus() == null ? null : taskSet.stabilityStatus().name())
                .stabilityStatusAt(taskSet.stabilityStatusAt())
                .tags(includeTags ? ClusterMapper.tags(taskSet.tags()) : List.of())
                .build();
    }
}

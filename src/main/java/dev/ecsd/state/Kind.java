package dev.ecsd.state;

import dev.ecsd.model.Cluster;
import dev.ecsd.model.Service;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionFamily;
import java.util.List;
import java.util.function.Function;

/** A table of the state: the record type it holds and how a record is keyed. */
public final class Kind<T> {
    public static final Kind<Cluster> CLUSTER = new Kind<>("cluster", Cluster.class, Cluster::clusterArn);
    public static final Kind<TaskDefinition> TASK_DEFINITION =
            new Kind<>("task_definition", TaskDefinition.class, TaskDefinition::taskDefinitionArn);
    public static final Kind<TaskDefinitionFamily> TASK_DEFINITION_FAMILY =
            new Kind<>("task_definition_family", TaskDefinitionFamily.class, TaskDefinitionFamily::family);

    public static final Kind<Task> TASK = new Kind<>("task", Task.class, Task::taskArn);
    public static final Kind<Service> SERVICE = new Kind<>("service", Service.class, Service::serviceArn);

    /** Every kind, in the order they are loaded. */
    public static final List<Kind<?>> ALL = List.of(CLUSTER, TASK_DEFINITION, TASK_DEFINITION_FAMILY, TASK, SERVICE);

    private final String name;
    private final Class<T> type;
    private final Function<T, String> key;

    private Kind(String name, Class<T> type, Function<T, String> key) {
        this.name = name;
        this.type = type;
        this.key = key;
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public String keyOf(T value) {
        return key.apply(value);
    }

    public static Kind<?> named(String name) {
        return ALL.stream().filter(k -> k.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown kind " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}

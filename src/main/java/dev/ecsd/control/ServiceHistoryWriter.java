package dev.ecsd.control;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.ServiceDeployment;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.Transaction;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a service's deployment history in step with the service, in the transaction that writes the service: reads
 * what {@link ServiceHistory} needs (found by ARN, no scan) and writes its answer.
 */
public final class ServiceHistoryWriter {
    private ServiceHistoryWriter() {
    }

    /** Records what writing {@code after} over {@code before} (null for a new service) means for the history. */
    public static void record(Transaction tx, Service before, Service after) {
        if (after == null || after.equals(before)) {
            return;
        }
        Snapshot state = tx.state();
        Set<Deployment> deployments = new LinkedHashSet<>();
        if (before != null) {
            deployments.addAll(Lists.orEmpty(before.deployments()));
        }
        deployments.addAll(Lists.orEmpty(after.deployments()));
        Map<String, ServiceDeployment> existing = new HashMap<>();
        Map<String, TaskDefinition> definitions = new HashMap<>();
        for (Deployment deployment : deployments) {
            state.find(Kind.SERVICE_DEPLOYMENT, ServiceDeployment.arnOf(after.serviceArn(), deployment.id()))
                    .ifPresent(record -> existing.put(deployment.id(), record));
            state.find(Kind.TASK_DEFINITION, deployment.taskDefinition())
                    .ifPresent(definition -> definitions.put(definition.taskDefinitionArn(), definition));
        }
        ServiceHistory.Changes changes = ServiceHistory.translate(new ServiceHistory.Inputs(before, after, existing,
                counts(state, after), definitions, tx.now()));
        changes.revisions().forEach(revision -> tx.put(Kind.SERVICE_REVISION, revision));
        changes.deployments().forEach(record -> tx.put(Kind.SERVICE_DEPLOYMENT, record));
    }

    /** The service's tasks that are still wanted, running or on their way, by deployment id. */
    private static Map<String, ServiceHistory.TaskCounts> counts(Snapshot state, Service service) {
        Map<String, ServiceHistory.TaskCounts> counts = new HashMap<>();
        List<Task> tasks = state.indexed(Kind.TASK, Kind.groupKey(service.clusterArn(), service.taskGroup()))
                .filter(service::owns).toList();
        for (Task task : tasks) {
            ServiceHistory.TaskCounts now = counts.getOrDefault(task.startedBy(), ServiceHistory.TaskCounts.NONE);
            if (task.lastStatus() == TaskStatus.RUNNING) {
                counts.put(task.startedBy(), new ServiceHistory.TaskCounts(now.running() + 1, now.pending()));
            } else if (task.isPending()) {
                counts.put(task.startedBy(), new ServiceHistory.TaskCounts(now.running(), now.pending() + 1));
            }
        }
        return counts;
    }
}

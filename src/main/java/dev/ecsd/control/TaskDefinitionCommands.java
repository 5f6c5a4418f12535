package dev.ecsd.control;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.model.TaskDefinitionStatus;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import dev.ecsd.state.Transaction;
import java.time.Instant;

/**
 * What a user's command does to a task definition revision, decided in one place for every caller (the ECS API's
 * DeregisterTaskDefinition and the console's deregister button): the API reads the family:revision, then comes here.
 */
public final class TaskDefinitionCommands {
    private TaskDefinitionCommands() {
    }

    /** As {@link #deregister(Transaction, String)}, in a write of its own. */
    public static TaskDefinition deregister(StateStore store, String taskDefinitionArn) {
        return store.write(tx -> deregister(tx, taskDefinitionArn));
    }

    /**
     * Deregisters a revision, as DeregisterTaskDefinition does: an ACTIVE one becomes INACTIVE from now (its running
     * tasks and services keep it); any other is answered as it is.
     */
    public static TaskDefinition deregister(Transaction tx, String taskDefinitionArn) {
        TaskDefinition definition = tx.find(Kind.TASK_DEFINITION, taskDefinitionArn)
                .orElseThrow(() -> ApiException.client("The specified task definition does not exist."));
        TaskDefinition next = decideDeregister(definition, tx.now());
        return next == definition ? definition : tx.put(Kind.TASK_DEFINITION, next);
    }

    /** The revision after a deregistration at {@code now}: the same revision when it is not ACTIVE. */
    static TaskDefinition decideDeregister(TaskDefinition definition, Instant now) {
        if (definition.status() != TaskDefinitionStatus.ACTIVE) {
            return definition;
        }
        return definition.withStatus(TaskDefinitionStatus.INACTIVE, now, null);
    }
}

package dev.ecsd.control;

import dev.ecsd.model.Deployment;
import dev.ecsd.model.DeploymentStatus;
import dev.ecsd.model.Lists;
import dev.ecsd.model.Service;
import dev.ecsd.model.TaskSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** How a plan's actions change a service record: the one place that does. Pure. */
public final class ServiceActions {
    private ServiceActions() {
    }

    /** The service after {@code actions}, at {@code now}; new events get ids from {@code eventIds}. */
    public static Service apply(Service service, List<ServiceAction> actions, Instant now, Supplier<String> eventIds) {
        Service.Builder next = service.toBuilder();
        List<Deployment> deployments = new ArrayList<>(Lists.orEmpty(service.deployments()));
        List<String> events = new ArrayList<>();
        List<TaskSet> taskSets = new ArrayList<>(Lists.orEmpty(service.taskSets()));
        boolean deploymentsChanged = false;
        boolean taskSetsChanged = false;
        for (ServiceAction action : actions) {
            switch (action) {
                case ServiceAction.PutDeployment put -> {
                    put(deployments, put.deployment());
                    deploymentsChanged = true;
                }
                case ServiceAction.RemoveDeployment remove -> {
                    deploymentsChanged |= deployments.removeIf(d -> d.id().equals(remove.deploymentId()));
                }
                case ServiceAction.PutTaskSet put -> {
                    taskSets.replaceAll(s -> s.id().equals(put.taskSet().id()) ? put.taskSet() : s);
                    taskSetsChanged = true;
                }
                case ServiceAction.RemoveTaskSet remove -> {
                    taskSetsChanged |= taskSets.removeIf(s -> s.id().equals(remove.taskSetId()));
                }
                case ServiceAction.AppendEvent event -> events.add(event.message());
                case ServiceAction.SetStatus status -> next.status(status.status());
                case ServiceAction.RestoreLaunchSettings restore -> next
                        .taskDefinition(restore.deployment().taskDefinition())
                        .launchType(restore.deployment().launchType())
                        .capacityProviderStrategy(restore.deployment().capacityProviderStrategy())
                        .platformVersion(restore.deployment().platformVersion())
                        .networkConfiguration(restore.deployment().networkConfiguration())
                        .loadBalancers(restore.deployment().loadBalancers() != null
                                ? restore.deployment().loadBalancers() : service.loadBalancers());
                case ServiceAction.SetBookkeeping book -> next.bookkeeping(book.bookkeeping());
                case ServiceAction.StartTasks start -> {
                    // tasks are started by the controller that carries out the plan
                }
                case ServiceAction.StopTask stop -> {
                    // tasks are stopped by the controller that carries out the plan
                }
                case ServiceAction.RegisterTargets register -> {
                    // targets are registered by the controller that carries out the plan
                }
                case ServiceAction.DeregisterTargets deregister -> {
                    // targets are deregistered by the controller that carries out the plan
                }
            }
        }
        if (deploymentsChanged) {
            deployments.sort(Comparator.comparing(d -> d.status() != DeploymentStatus.PRIMARY));
            next.deployments(deployments);
        }
        if (taskSetsChanged) {
            next.taskSets(taskSets);
        }
        if (!events.isEmpty()) {
            next.events(service.eventsWith(events, eventIds, now));
        }
        return next.build();
    }

    private static void put(List<Deployment> deployments, Deployment deployment) {
        for (int i = 0; i < deployments.size(); i++) {
            if (deployments.get(i).id().equals(deployment.id())) {
                deployments.set(i, deployment);
                return;
            }
        }
        deployments.add(deployment);
    }
}

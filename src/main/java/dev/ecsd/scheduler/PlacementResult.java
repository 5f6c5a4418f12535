package dev.ecsd.scheduler;

import java.util.List;
import java.util.Optional;

/**
 * What placement decided: where each placed task goes, why each task left over was not placed, and why each
 * container instance was passed over when the last task was considered (the first task not placed, when some were
 * not; otherwise the last task placed). Failures are data: placement never throws for lack of capacity.
 */
public record PlacementResult(List<Placement> placements, List<Unplaced> unplaced, List<Rejection> rejections) {
    public PlacementResult {
        placements = List.copyOf(placements);
        unplaced = List.copyOf(unplaced);
        rejections = List.copyOf(rejections);
    }

    /** Task {@code taskIndex} of the request goes on a capacity provider or on a container instance. */
    public record Placement(int taskIndex, String capacityProviderName, String containerInstanceArn) {
        static Placement onCapacityProvider(int taskIndex, String capacityProviderName) {
            return new Placement(taskIndex, capacityProviderName, null);
        }

        static Placement onContainerInstance(int taskIndex, String containerInstanceArn) {
            return new Placement(taskIndex, null, containerInstanceArn);
        }
    }

    /** Task {@code taskIndex} of the request could not be placed. */
    public record Unplaced(int taskIndex, PlacementFailure failure) {
    }

    /** A container instance that could not take the task considered, and why. */
    public record Rejection(String containerInstanceArn, RejectionReason reason) {
    }

    /** Whether every task asked for was placed. */
    public boolean complete() {
        return unplaced.isEmpty();
    }

    /** Why the first task not placed was not, if any. */
    public Optional<PlacementFailure> failure() {
        return unplaced.isEmpty() ? Optional.empty() : Optional.of(unplaced.getFirst().failure());
    }

    /** The capacity provider of each placed task, in request order. */
    public List<String> capacityProviders() {
        return placements.stream().map(Placement::capacityProviderName).toList();
    }
}

package dev.ecsd.control.images;

import dev.ecsd.control.runtime.Controller;
import dev.ecsd.control.runtime.ControllerRuntime;
import dev.ecsd.control.runtime.Outcome;
import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.state.Change;
import dev.ecsd.state.Kind;
import dev.ecsd.state.Snapshot;
import dev.ecsd.state.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the lifecycle policies of one region's repositories: a controller on the {@link ControllerRuntime}, keyed
 * by repository name. ECR applies a policy asynchronously, within 24 hours; ecsd applies it soon after an image is
 * pushed into (or retagged in) a repository with a policy, after a policy is put, and every hour, which is what
 * expires images under sinceImagePushed rules as they age. It runs on the runtime's workers, never on the thread of
 * the registry request that pushed, so Docker's push does not wait for it. The images a policy expires go through
 * {@link ImageExpiry}: from the store, then from the registry, so a pull of an expired digest fails.
 */
public final class LifecyclePolicyController {
    public static final String NAME = "ecr-lifecycle";
    /** How often every policy is applied again, for sinceImagePushed rules: well within ECR's 24 hours. */
    public static final Duration EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(LifecyclePolicyController.class);

    private final StateStore store;
    private final ImageExpiry expiry;
    private final Controller controller;

    public LifecyclePolicyController(StateStore store, ImageExpiry expiry, ControllerRuntime runtime) {
        this.store = store;
        this.expiry = expiry;
        store.subscribe(this::onChanges);
        this.controller = runtime.register(NAME, this::apply, this::repositoriesWithPolicies, EVERY, 1);
    }

    private List<String> repositoriesWithPolicies() {
        return store.snapshot().all(Kind.ECR_REPOSITORY).filter(r -> r.lifecyclePolicy() != null)
                .map(Repository::repositoryName).toList();
    }

    /**
     * An image written (a push, a tag moving to or from it) may change what a policy expires; so does a policy put,
     * which clears its lastEvaluatedAt. Applying a policy writes only deletions of images and the repository's
     * lastEvaluatedAt, so it does not enqueue its repository again.
     */
    private void onChanges(List<Change> changes) {
        for (Change change : changes) {
            if (change.kind() == Kind.ECR_IMAGE && change.after() instanceof Image image) {
                controller.enqueue(image.repositoryName());
            } else if (change.kind() == Kind.ECR_REPOSITORY && change.after() instanceof Repository repository
                    && repository.lifecyclePolicy() != null && repository.lifecyclePolicyEvaluatedAt() == null) {
                controller.enqueue(repository.repositoryName());
            }
        }
    }

    private Outcome apply(String repositoryName) {
        Snapshot state = store.snapshot();
        Optional<Repository> repository = state.find(Kind.ECR_REPOSITORY, repositoryName);
        if (repository.isEmpty() || repository.get().lifecyclePolicy() == null) {
            return Outcome.done();
        }
        LifecyclePolicy policy;
        try {
            policy = LifecyclePolicy.parse(repository.get().lifecyclePolicy());
        } catch (LifecyclePolicyException e) {
            // PutLifecyclePolicy refuses such a text; one kept from before it checked policies is left alone
            LOG.warn("the lifecycle policy of repository {} is not valid and is not applied: {}", repositoryName,
                    e.getMessage());
            return Outcome.done();
        }
        List<LifecycleImage> images = RepositoryImages.of(state, repositoryName).stream()
                .map(image -> new LifecycleImage(image.imageDigest(), image.imageTags(), image.imagePushedAt()))
                .toList();
        List<String> digests = LifecycleEvaluation.evaluate(policy, images, store.now()).stream()
                .map(LifecycleExpiry::digest).toList();
        // expired even when no image is, so that GetLifecyclePolicy's lastEvaluatedAt says the policy ran
        List<Image> expired = expiry.expire(repositoryName, digests);
        if (!expired.isEmpty()) {
            LOG.info("the lifecycle policy of repository {} expired {} images: {}", repositoryName, expired.size(),
                    expired.stream().map(Image::imageDigest).toList());
        }
        return Outcome.done();
    }
}

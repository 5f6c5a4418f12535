package dev.ecsd.control.images;

import dev.ecsd.model.ecr.Image;
import dev.ecsd.model.ecr.Repository;
import dev.ecsd.registry.ImageStorage;
import dev.ecsd.state.Kind;
import dev.ecsd.state.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires images of a repository, as a lifecycle policy's rules decide: the images go from the store (with all their
 * tags) and the repository records when its policy was applied, in one write; then the registry forgets their
 * manifests, so a pull of an expired digest fails. A digest that is gone already is passed over.
 */
public final class ImageExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(ImageExpiry.class);

    private final StateStore store;
    private final ImageStorage storage;
    private final String region;

    public ImageExpiry(StateStore store, ImageStorage storage, String region) {
        this.store = store;
        this.storage = storage;
        this.region = region;
    }

    /** Expires {@code digests} of a repository; the images that went, none when the repository is gone. */
    public List<Image> expire(String repositoryName, Collection<String> digests) {
        List<Image> expired = store.write(tx -> {
            List<Image> gone = new ArrayList<>();
            Repository repository = tx.find(Kind.ECR_REPOSITORY, repositoryName).orElse(null);
            if (repository == null) {
                return gone;
            }
            for (String digest : digests) {
                RepositoryImages.byDigest(tx.state(), repositoryName, digest).ifPresent(image -> {
                    tx.delete(Kind.ECR_IMAGE, image.key());
                    gone.add(image);
                });
            }
            tx.put(Kind.ECR_REPOSITORY, repository.withLifecyclePolicy(repository.lifecyclePolicy(), tx.now()));
            return gone;
        });
        forget(repositoryName, expired.stream().map(Image::imageDigest).toList());
        return expired;
    }

    /** Deletes the manifests of images that are gone from the store; one the registry keeps is logged, not thrown. */
    public void forget(String repositoryName, Collection<String> digests) {
        if (!storage.available()) {
            return;
        }
        for (String digest : digests) {
            try {
                storage.deleteManifest(region, repositoryName, digest);
            } catch (RuntimeException e) {
                LOG.warn("the registry kept the manifest {} of repository {}: {}", digest, repositoryName,
                        e.getMessage());
            }
        }
    }
}

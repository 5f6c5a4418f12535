package dev.ecsd.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Images of the test busybox plus one layer holding a file of random bytes: nothing in that layer compresses, and
 * no two images share it, so neither a registry nor an engine already has it. Made with {@code docker create},
 * {@code docker cp} and {@code docker commit} (no builder needed); every image and container is labelled
 * {@code LABEL=<run>} so the run's leftovers can be found and removed.
 */
final class RandomLayerImages {
    static final String LABEL = Workload.LABEL + ".registry";
    private static final int CHUNK = 1 << 20;

    private final PrivateDocker docker;
    private final String base;
    private final String run;
    private final RandomGenerator random;

    RandomLayerImages(PrivateDocker docker, String base, String run, RandomGenerator random) {
        this.docker = docker;
        this.base = base;
        this.run = run;
        this.random = random;
    }

    /** Builds {@code reference} from the base and {@code bytes} fresh random bytes in /random.bin; its image ID. */
    String build(String reference, long bytes) {
        Path file = docker.file("random.bin");
        String container = "ecsd-bench-registry-" + run + "-" + Long.toHexString(random.nextLong());
        try {
            writeRandom(file, bytes);
            docker.check("create", "--label", LABEL + "=" + run, "--name", container, base, "true");
            try {
                docker.check("cp", file.toString(), container + ":/random.bin");
                docker.check("commit", "--change", "LABEL " + LABEL + "=" + run, container, reference);
            } finally {
                docker.run("rm", "-f", container);
            }
            return imageId(reference);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the private directory goes at the end
            }
        }
    }

    /** The engine's ID of {@code reference}, or a failure when it has none. */
    String imageId(String reference) {
        return docker.check("image", "inspect", "--format", "{{.Id}}", reference).strip();
    }

    /** The image's size as the engine reports it ({@code docker image inspect --format {{.Size}}}), in bytes. */
    long size(String reference) {
        return Long.parseLong(docker.check("image", "inspect", "--format", "{{.Size}}", reference).strip());
    }

    /** Whether the engine has an image of this reference or ID. */
    boolean present(String referenceOrId) {
        return docker.run("image", "inspect", "--format", "{{.Id}}", referenceOrId).exitCode() == 0;
    }

    /**
     * Removes the image {@code id} with every tag it has, and checks the engine no longer has it: its random
     * layer, which no other image holds, goes with it. The base image and its layer stay.
     */
    void remove(String id) {
        docker.check("rmi", "-f", id);
        if (present(id)) {
            throw new IllegalStateException("the engine still has image " + id + " after docker rmi");
        }
        if (!present(base)) {
            throw new IllegalStateException("removing " + id + " took the base image " + base + " with it");
        }
    }

    /** Removes every container and image this run labelled (after a failure or an interruption too). */
    void removeAll() {
        String filter = "label=" + LABEL + "=" + run;
        List<String> containers = docker.check("ps", "-aq", "--filter", filter).lines().filter(s -> !s.isBlank())
                .toList();
        for (String container : containers) {
            docker.run("rm", "-f", container);
        }
        List<String> images = docker.check("images", "-q", "--no-trunc", "--filter", filter).lines()
                .filter(s -> !s.isBlank()).distinct().toList();
        for (String image : images) {
            docker.run("rmi", "-f", image);
        }
    }

    private void writeRandom(Path file, long bytes) {
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += CHUNK) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(CHUNK, bytes - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

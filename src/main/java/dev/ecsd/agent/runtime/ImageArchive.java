package dev.ecsd.agent.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A single-layer image built in memory, in the archive format {@code docker load} reads, so images can be
 * made without a registry or a build. The same content always gives the same image id.
 */
public final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fixed, so the same content gives the same image id; not the epoch, which `docker images` shows as absurd. */
    private static final String CREATED = "2025-01-01T00:00:00Z";

    private final String repositoryTag;
    private final String architecture;
    private final TarWriter layer = new TarWriter();
    private List<String> entrypoint = List.of();
    private List<String> command = List.of();
    private List<String> environment = List.of();

    /** An image to be tagged {@code repositoryTag} (for example {@code ecsd/pause:1}) for the JVM's CPU. */
    public ImageArchive(String repositoryTag) {
        this(repositoryTag, PauseProgram.Architecture.ofJvm().dockerName());
    }

    ImageArchive(String repositoryTag, String architecture) {
        this.repositoryTag = repositoryTag;
        this.architecture = architecture;
    }

    public String repositoryTag() {
        return repositoryTag;
    }

    /** Paths are relative to the image root, without a leading slash. */
    public ImageArchive directory(String path, int mode) {
        layer.directory(path, mode);
        return this;
    }

    public ImageArchive file(String path, byte[] content, int mode) {
        layer.file(path, content, mode);
        return this;
    }

    public ImageArchive symlink(String path, String target) {
        layer.symlink(path, target);
        return this;
    }

    public ImageArchive entrypoint(List<String> entrypoint) {
        this.entrypoint = List.copyOf(entrypoint);
        return this;
    }

    public ImageArchive command(List<String> command) {
        this.command = List.copyOf(command);
        return this;
    }

    /** {@code NAME=value} entries. */
    public ImageArchive environment(List<String> environment) {
        this.environment = List.copyOf(environment);
        return this;
    }

    /** The archive and the id Docker will give the image. Call once: the layer is closed by it. */
    public Built build() {
        byte[] layerTar = layer.finish();
        String layerDigest = sha256(layerTar);
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.put("created", CREATED);
        ObjectNode runConfig = config.putObject("config");
        strings(runConfig.putArray("Env"), environment);
        if (!entrypoint.isEmpty()) {
            strings(runConfig.putArray("Entrypoint"), entrypoint);
        }
        if (!command.isEmpty()) {
            strings(runConfig.putArray("Cmd"), command);
        }
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add("sha256:" + layerDigest);
        config.putArray("history").addObject().put("created", CREATED).put("created_by", "ecsd");
        byte[] configJson = config.toString().getBytes(StandardCharsets.UTF_8);
        String configDigest = sha256(configJson);

        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode entry = manifest.addObject();
        entry.put("Config", configDigest + ".json");
        entry.putArray("RepoTags").add(repositoryTag);
        entry.putArray("Layers").add(layerDigest + "/layer.tar");

        byte[] archive = new TarWriter()
                .directory(layerDigest, 0755)
                .file(layerDigest + "/layer.tar", layerTar, 0644)
                .file(configDigest + ".json", configJson, 0644)
                .file("manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8), 0644)
                .finish();
        return new Built(repositoryTag, "sha256:" + configDigest, archive);
    }

    /** A built archive: load {@code archive} and the engine has image {@code imageId} tagged {@code repositoryTag}. */
    public record Built(String repositoryTag, String imageId, byte[] archive) {
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.ecsd.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's static files, read once from the classpath (ours under {@code console/}, uPlot from its WebJar) and
 * served under {@code /ui/assets/<version>/<name>}: the version is a digest of their bytes, so a page always names
 * files it was written for and a browser may cache them for a year.
 */
public final class ConsoleAssets {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    /** One file: its bytes and type. */
    public record Asset(byte[] body, String contentType) {
    }

    private final Map<String, Asset> files = new LinkedHashMap<>();
    private final String version;

    public ConsoleAssets() {
        add("console.css", "console/console.css", "text/css; charset=utf-8");
        add("console.js", "console/console.js", "text/javascript; charset=utf-8");
        add("uPlot.min.css", UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
        add("uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("favicon.svg", "console/favicon.svg", "image/svg+xml");
        version = digest();
    }

    /** The path prefix pages name their assets with, e.g. {@code /ui/assets/3f2a9c01d4/}. */
    public String prefix() {
        return "/ui/assets/" + version + "/";
    }

    public String version() {
        return version;
    }

    public Optional<Asset> find(String name) {
        return Optional.ofNullable(files.get(name));
    }

    private void add(String name, String resource, String contentType) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's asset " + resource + " is missing from the classpath");
            }
            files.put(name, new Asset(in.readAllBytes(), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((name, asset) -> {
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(asset.body());
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

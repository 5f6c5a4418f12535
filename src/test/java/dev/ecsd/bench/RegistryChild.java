package dev.ecsd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docker-registry child of a benchmark's server, seen from outside: its loopback address (from the
 * config.yml ecsd writes, read anew each time since a restarted registry takes another port) and its pid (from
 * registry.pid), so a benchmark can push to it without ecsd's front as a variant, and count its CPU.
 */
final class RegistryChild {
    private static final Pattern ADDRESS = Pattern.compile("(?m)^\\s*addr:\\s*(127\\.0\\.0\\.1:\\d+)\\s*$");

    private final Path directory;

    /** The registry of the server whose data directory is {@code dataDirectory}. */
    RegistryChild(Path dataDirectory) {
        this.directory = dataDirectory.resolve("registry");
    }

    /** {@code 127.0.0.1:<port>} the registry listens on, with no authentication of its own. */
    String address() {
        Matcher m = ADDRESS.matcher(read("config.yml"));
        if (!m.find()) {
            throw new IllegalStateException("no loopback addr in " + directory.resolve("config.yml"));
        }
        return m.group(1);
    }

    /** CPU seconds the registry process has used so far; NaN when it cannot be read. */
    double cpuSeconds() {
        try {
            return BenchServer.cpuSeconds(Long.parseLong(read("registry.pid").strip()));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private String read(String name) {
        try {
            return Files.readString(directory.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ecsd.testing;

import dev.ecsd.agent.runtime.DockerRuntime;
import dev.ecsd.agent.runtime.ImageArchive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Images for tests, made locally (no registry is reachable from tests): {@link #BUSYBOX} is Debian's static
 * busybox in an otherwise empty image, with every applet linked in /bin, so {@code sh}, {@code sleep},
 * {@code httpd}, {@code wget} and {@code nc} exist. Loaded once per JVM; loading again is harmless.
 */
public final class TestImages {
    public static final String BUSYBOX = "ecsd-test/busybox:1";
    private static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");
    private static volatile boolean busyboxLoaded;

    private TestImages() {
    }

    /** Makes {@link #BUSYBOX} exist on the engine of {@code runtime} and returns its name. */
    public static String busybox(DockerRuntime runtime) {
        if (!busyboxLoaded) {
            synchronized (TestImages.class) {
                if (!busyboxLoaded) {
                    runtime.loadImage(busyboxArchive());
                    busyboxLoaded = true;
                }
            }
        }
        return BUSYBOX;
    }

    static ImageArchive.Built busyboxArchive() {
        byte[] busybox = readStaticBusybox();
        ImageArchive image = new ImageArchive(BUSYBOX)
                .directory("bin", 0755)
                .file("bin/busybox", busybox, 0755);
        for (String applet : applets()) {
            if (!applet.equals("busybox")) {
                image.symlink("bin/" + applet, "busybox");
            }
        }
        return image
                .directory("etc", 0755)
                .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
                        .getBytes(StandardCharsets.UTF_8), 0644)
                .file("etc/group", "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8), 0644)
                .directory("root", 0700)
                .directory("tmp", 01777)
                .directory("var", 0755)
                .directory("var/www", 0755)
                .environment(List.of("PATH=/bin"))
                .command(List.of("sh"))
                .build();
    }

    private static byte[] readStaticBusybox() {
        byte[] binary;
        try {
            binary = Files.readAllBytes(BUSYBOX_BINARY);
        } catch (IOException e) {
            throw new IllegalStateException("tests build their image from " + BUSYBOX_BINARY
                    + ", which is missing: apt-get install -y busybox-static", e);
        }
        if (hasInterpreter(binary)) {
            throw new IllegalStateException(BUSYBOX_BINARY + " is dynamically linked and cannot run in an empty "
                    + "image: apt-get install -y busybox-static");
        }
        return binary;
    }

    /** Whether an ELF executable names a dynamic loader (a PT_INTERP program header). */
    private static boolean hasInterpreter(byte[] elf) {
        ByteBuffer header = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long programHeaders = header.getLong(0x20);
        int entrySize = header.getShort(0x36) & 0xffff;
        int count = header.getShort(0x38) & 0xffff;
        for (int i = 0; i < count; i++) {
            if (header.getInt((int) programHeaders + i * entrySize) == 3) {
                return true;
            }
        }
        return false;
    }

    private static TreeSet<String> applets() {
        try {
            Process list = new ProcessBuilder(BUSYBOX_BINARY.toString(), "--list").redirectErrorStream(true).start();
            String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!list.waitFor(10, TimeUnit.SECONDS) || list.exitValue() != 0) {
                throw new IllegalStateException("busybox --list failed: " + output);
            }
            return new TreeSet<>(output.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.contains("/")).toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + BUSYBOX_BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

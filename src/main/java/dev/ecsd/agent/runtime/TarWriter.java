package dev.ecsd.agent.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a POSIX ustar archive in memory: enough for the image archives ecsd loads into Docker. */
final class TarWriter {
    private static final int BLOCK = 512;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TarWriter directory(String path, int mode) {
        header(path.endsWith("/") ? path : path + "/", mode, 0, '5', "");
        return this;
    }

    TarWriter file(String path, byte[] content, int mode) {
        header(path, mode, content.length, '0', "");
        out.writeBytes(content);
        pad(content.length);
        return this;
    }

    TarWriter symlink(String path, String target) {
        header(path, 0777, 0, '2', target);
        return this;
    }

    /** The archive, ended by its two empty blocks. */
    byte[] finish() {
        out.writeBytes(new byte[BLOCK * 2]);
        return out.toByteArray();
    }

    private void header(String path, int mode, long size, char type, String linkTarget) {
        byte[] header = new byte[BLOCK];
        put(header, 0, 100, path);
        put(header, 100, 8, octal(mode, 7));
        put(header, 108, 8, octal(0, 7)); // uid root
        put(header, 116, 8, octal(0, 7)); // gid root
        put(header, 124, 12, octal(size, 11));
        put(header, 136, 12, octal(0, 11)); // mtime: fixed, so the same content gives the same image id
        header[156] = (byte) type;
        put(header, 157, 100, linkTarget);
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        put(header, 265, 32, "root");
        put(header, 297, 32, "root");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        put(header, 148, 8, octal(checksum, 6) + "\0 ");
        out.writeBytes(header);
    }

    private void pad(long size) {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.writeBytes(new byte[BLOCK - remainder]);
        }
    }

    private static String octal(long value, int digits) {
        String text = Long.toOctalString(value);
        return "0".repeat(Math.max(0, digits - text.length())) + text;
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IllegalArgumentException("too long for a tar header field of " + length + " bytes: " + value);
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}

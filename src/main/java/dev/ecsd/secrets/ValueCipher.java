package dev.ecsd.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret values (Secrets Manager secrets, SSM SecureString parameters) before they reach the store: AES-256-GCM
 * under one data key, a fresh 96-bit nonce per value, and the value's owner (its ARN and version) as associated data,
 * so a sealed value copied onto another record does not open. The key is {@value #KEY_FILE} in the data directory
 * (created on first start, readable by its owner only) unless one is supplied.
 */
public final class ValueCipher {
    public static final String KEY_FILE = "secrets.key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final SecureRandom random;

    private ValueCipher(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secrets key must be " + KEY_BYTES + " bytes (base64 of 32 random "
                    + "bytes, e.g. from `openssl rand -base64 32`), not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** A cipher under a key given as base64 (an option or environment variable). */
    public static ValueCipher fromBase64(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secrets key is not valid base64: " + e.getMessage(), e);
        }
        return new ValueCipher(key, new SecureRandom());
    }

    /** The cipher of a data directory: its key file, created (owner read/write only) if there is none yet. */
    public static ValueCipher forDataDirectory(Path dataDirectory) {
        Path file = dataDirectory.resolve(KEY_FILE);
        SecureRandom random = new SecureRandom();
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                random.nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException raced) {
                    // another start created it first: use that one
                }
            }
            return new ValueCipher(Base64.getDecoder().decode(Files.readString(file).trim()), random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secrets key " + file + ": " + e.getMessage(), e);
        }
    }

    /** Seals {@code plaintext} for {@code owner}: base64 of nonce and ciphertext with its tag. */
    public String seal(byte[] plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a value: " + e.getMessage(), e);
        }
    }

    /** Seals a text value. */
    public String seal(String plaintext, String owner) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), owner);
    }

    /** Opens what {@link #seal} made for the same owner; fails if the key, the owner or the bytes differ. */
    public byte[] open(String sealed, String owner) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a sealed value is too short to open");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a sealed value (wrong secrets key, or the value was altered)",
                    e);
        }
    }

    /** Opens a text value. */
    public String openText(String sealed, String owner) {
        return new String(open(sealed, owner), StandardCharsets.UTF_8);
    }

    /**
     * A key of its own for one {@code purpose} (HMAC-SHA256 of the purpose under the data key), so other uses of the
     * data key (signing session tokens) never share key material with sealing.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("ecsd-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

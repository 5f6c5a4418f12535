package dev.ecsd.control;

import dev.ecsd.channel.TaskEndpointIds;
import dev.ecsd.model.ContainerDefinition;
import dev.ecsd.model.Task;
import dev.ecsd.model.TaskDefinition;
import dev.ecsd.secrets.SessionClaims;
import dev.ecsd.secrets.SessionIssuer;
import dev.ecsd.secrets.TemporaryCredentials;
import dev.ecsd.secrets.ValueCipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the control plane hands the task endpoint: the ids a task's credentials and metadata are answered under, and
 * the credentials of its task role. Ids are HMACs of the task's ARN under keys derived from the data key: unguessable
 * without it, the same after a restart, kept nowhere. Credentials are issued afresh on each request, as the ECS agent
 * refreshes its own well before they expire.
 */
public final class TaskEndpointKeys {
    /** As long as ECS's task role credentials last. */
    public static final Duration CREDENTIALS_LIFETIME = Duration.ofHours(6);

    /**
     * HMACs initialized with each key, only ever cloned: ids are computed on every report of a task's state (twice:
     * the answer and the push), and looking the algorithm up and initializing it each time was a good part of the
     * control plane's allocation while 100,000 tasks started.
     */
    private final Mac credentialsIdMac;
    private final Mac metadataIdMac;
    private final SessionIssuer issuer;

    public TaskEndpointKeys(ValueCipher cipher) {
        this.credentialsIdMac = hmac(cipher.derivedKey("credentials-id"));
        this.metadataIdMac = hmac(cipher.derivedKey("metadata-id"));
        this.issuer = new SessionIssuer(cipher);
    }

    /** The role a task's containers get credentials of: RunTask's override, else its definition's; null for none. */
    public static String taskRoleArn(Task task, TaskDefinition definition) {
        if (task.overrides() != null && task.overrides().taskRoleArn() != null
                && !task.overrides().taskRoleArn().isEmpty()) {
            return task.overrides().taskRoleArn();
        }
        return definition == null || definition.taskRoleArn() == null || definition.taskRoleArn().isEmpty() ? null
                : definition.taskRoleArn();
    }

    public TaskEndpointIds ids(Task task, TaskDefinition definition) {
        if (definition == null) {
            return TaskEndpointIds.NONE;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (ContainerDefinition container : definition.containerDefinitions()) {
            metadata.put(container.name(), id(metadataIdMac, task.taskArn() + "\n" + container.name()));
        }
        String credentials = taskRoleArn(task, definition) == null ? null : id(credentialsIdMac, task.taskArn());
        return new TaskEndpointIds(credentials, metadata);
    }

    /** Credentials of the task's role valid from {@code now}, or empty when it has none or is stopped. */
    public Optional<TemporaryCredentials> credentials(Task task, TaskDefinition definition, Instant now) {
        String role = taskRoleArn(task, definition);
        if (role == null || task.isStopped()) {
            return Optional.empty();
        }
        return Optional.of(issuer.issue(new SessionClaims(role, task.taskId(), task.taskArn(),
                now.plus(CREDENTIALS_LIFETIME))));
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // checked here, once: the JDK's own (SunJCE) HMACs are cloneable
            mac.clone();
            return mac;
        } catch (GeneralSecurityException | CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** 128 bits of an HMAC, written as a UUID is (as the ECS agent's credentials ids are). */
    private static String id(Mac initialized, String subject) {
        byte[] digest;
        try {
            Mac mac = (Mac) initialized.clone();
            digest = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's HMAC-SHA256 cannot be cloned", e);
        }
        String hex = HexFormat.of().formatHex(digest, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}

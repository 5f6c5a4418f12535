package dev.ecsd.api.sts;

import dev.ecsd.secrets.SessionClaims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The identities STS names: the account's root, and a role session's {@code assumed-role} ARN and its
 * {@code AROA…:<session>} user id. A role's id is derived from its ARN, so it is the same on every call and
 * after a restart, as a real role's id is.
 */
final class Identities {
    /** An IAM role ARN: {@code arn:aws:iam::<12 digits>:role/<path/>name}. */
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]+)");
    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Identities() {
    }

    /** The root ARN of an account: who the server's long-term keys, and sessions from them, speak for. */
    static String rootArn(String account) {
        return "arn:aws:iam::" + account + ":root";
    }

    /** Whether a session is a role's (AssumeRole, a task role) rather than the account's own (GetSessionToken). */
    static boolean isRoleSession(SessionClaims claims) {
        return !claims.roleArn().endsWith(":root");
    }

    /**
     * The account of a role session: its role's. A task role ARN was checked less strictly than AssumeRole checks
     * one, so an ARN without an account speaks for {@code fallbackAccount}.
     */
    static String account(SessionClaims claims, String fallbackAccount) {
        String[] parts = claims.roleArn().split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : fallbackAccount;
    }

    /** {@code arn:aws:sts::<account>:assumed-role/<role name>/<session name>}; the role's path is left out. */
    static String assumedRoleArn(SessionClaims claims, String fallbackAccount) {
        String roleArn = claims.roleArn();
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return "arn:aws:sts::" + account(claims, fallbackAccount) + ":assumed-role/" + roleName + "/"
                + claims.sessionName();
    }

    /** {@code <role id>:<session name>}, as STS's AssumedRoleId and GetCallerIdentity's UserId. */
    static String assumedRoleId(SessionClaims claims) {
        return roleId(claims.roleArn()) + ":" + claims.sessionName();
    }

    /** "AROA" and 17 characters, the shape of AWS's role ids, the same for the same role ARN. */
    static String roleId(String roleArn) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder("AROA");
        for (int i = 0; i < 17; i++) {
            id.append(ID_CHARACTERS[(digest[i] & 0xff) % ID_CHARACTERS.length]);
        }
        return id.toString();
    }
}

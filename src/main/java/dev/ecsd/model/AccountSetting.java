package dev.ecsd.model;

/**
 * An ECS account setting that a principal has set: a user, a role, or the account's root user, whose settings are
 * the account's defaults (what PutAccountSettingDefault sets).
 */
public record AccountSetting(String principalArn, String name, String value) {

    /** The store key: one value per principal and setting name. */
    public String key() {
        return key(principalArn, name);
    }

    /** The same setting, as {@code principalArn}'s. */
    public AccountSetting withPrincipal(String otherPrincipalArn) {
        return new AccountSetting(otherPrincipalArn, name, value);
    }

    public static String key(String principalArn, String name) {
        return principalArn + " " + name;
    }
}

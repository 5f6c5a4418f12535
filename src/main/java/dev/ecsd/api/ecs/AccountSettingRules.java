package dev.ecsd.api.ecs;

import dev.ecsd.model.AccountSetting;
import dev.ecsd.model.ApiException;
import dev.ecsd.model.Arns;
import dev.ecsd.model.Quoted;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ECS's account settings: their names, the values each accepts, ECS's own default for each, who may set them, and
 * which value is in effect for a principal — its own setting, else the account's (the root user's), else ECS's.
 */
public final class AccountSettingRules {
    /** ECS's answer to turning a long ARN format off since the short formats were retired. */
    static final String LONG_ARN_MESSAGE = "You can no longer disable Long Arn settings";
    private static final Pattern PRINCIPAL =
            Pattern.compile("arn:" + Arns.PARTITION + ":iam::(\\d{12}):(root|(?:user|role)/[\\w+=,.@/-]{1,512})");

    /** Who may set a setting. */
    enum Scope {
        /** Any principal, for itself; the root user's value is the account's default. */
        PRINCIPAL,
        /** The account only: PutAccountSettingDefault, or PutAccountSetting for the root user. */
        ACCOUNT,
        /** PutAccountSettingDefault only, as the developer guide sets it (FIPS mode). */
        DEFAULT_ONLY,
        /** Nobody: AWS manages it ({@code type: aws_managed}). */
        AWS_MANAGED
    }

    /** One account setting as ECS defines it; {@code accepted} are the values that may be set. */
    record Definition(String name, List<String> accepted, String ecsDefault, Scope scope) {
        boolean isLongArnFormat() {
            return name.endsWith("LongArnFormat");
        }
    }

    private static final Map<String, Definition> DEFINITIONS = definitions(
            new Definition("awsvpcTrunking", List.of("enabled", "disabled"), "disabled", Scope.PRINCIPAL),
            new Definition("containerInsights", List.of("enabled", "enhanced", "disabled"), "disabled",
                    Scope.PRINCIPAL),
            new Definition("containerInstanceLongArnFormat", List.of("enabled"), "enabled", Scope.PRINCIPAL),
            // ECS's default became non-blocking on 25 June 2025 (API reference, PutAccountSetting).
            new Definition("defaultLogDriverMode", List.of("blocking", "non-blocking"), "non-blocking",
                    Scope.PRINCIPAL),
            // Not in the SDK's SettingName enum, but a setting of the developer guide and the API reference.
            new Definition("dualStackIPv6", List.of("enabled", "disabled"), "disabled", Scope.PRINCIPAL),
            new Definition("fargateEventWindows", List.of("enabled", "disabled"), "disabled", Scope.ACCOUNT),
            new Definition("fargateFIPSMode", List.of("enabled", "disabled"), "disabled", Scope.DEFAULT_ONLY),
            new Definition("fargateTaskRetirementWaitPeriod", List.of("0", "7", "14"), "7", Scope.ACCOUNT),
            new Definition("guardDutyActivate", List.of("on", "off"), "off", Scope.AWS_MANAGED),
            new Definition("serviceLongArnFormat", List.of("enabled"), "enabled", Scope.PRINCIPAL),
            new Definition("tagResourceAuthorization", List.of("on", "off"), "on", Scope.PRINCIPAL),
            new Definition("taskLongArnFormat", List.of("enabled"), "enabled", Scope.PRINCIPAL));

    private AccountSettingRules() {
    }

    /** The root user of an account: its settings are the account's defaults. */
    public static String rootArn(String accountId) {
        return "arn:" + Arns.PARTITION + ":iam::" + accountId + ":root";
    }

    /** Every setting name, in the order ECS lists them (by name). */
    public static List<String> names() {
        return List.copyOf(DEFINITIONS.keySet());
    }

    /** Whether AWS, not the user, manages a setting: its {@code type} is {@code aws_managed}. */
    public static boolean isAwsManaged(String name) {
        Definition definition = DEFINITIONS.get(name);
        return definition != null && definition.scope() == Scope.AWS_MANAGED;
    }

    /** ECS's own value of a setting, in effect when neither the principal nor the account has set it. */
    public static String ecsDefault(String name) {
        return definition(name).ecsDefault();
    }

    /**
     * The principal a request is about: the caller (the account's root user here: ecsd's credentials are the
     * account's) when it names none, else the user, role or root user of the caller's account it names.
     */
    public static String principal(String requested, String accountId) {
        if (requested == null) {
            return rootArn(accountId);
        }
        Matcher matcher = PRINCIPAL.matcher(requested);
        if (!matcher.matches() || !matcher.group(1).equals(accountId)) {
            throw ApiException.invalidParameter("Invalid principalArn '" + Quoted.of(requested)
                    + "': it must be the ARN "
                    + "of an IAM user, an IAM role or the root user of account " + accountId
                    + " (arn:aws:iam::" + accountId + ":user/name, :role/name or :root).");
        }
        return requested;
    }

    /** The definition of a setting ECS has; any other name is refused. */
    static Definition definition(String name) {
        Definition definition = name == null ? null : DEFINITIONS.get(name);
        if (definition == null) {
            throw ApiException.invalidParameter("Invalid account setting name '" + Quoted.of(name)
                    + "'. Valid names are " + String.join(", ", DEFINITIONS.keySet()) + ".");
        }
        return definition;
    }

    /**
     * Checks a PutAccountSetting ({@code asDefault} false) or PutAccountSettingDefault ({@code asDefault} true) of
     * {@code value} for {@code principalArn}, the root user's for a default.
     */
    public static void checkPut(String name, String value, String principalArn, String rootArn, boolean asDefault) {
        Definition definition = definition(name);
        if (definition.scope() == Scope.AWS_MANAGED) {
            throw readOnly(name);
        }
        if (definition.isLongArnFormat() && "disabled".equals(value)) {
            throw ApiException.invalidParameter(LONG_ARN_MESSAGE);
        }
        if (value == null || !definition.accepted().contains(value)) {
            throw ApiException.invalidParameter("Invalid value '" + Quoted.of(value) + "' for account setting " + name
                    + ". Valid values are " + String.join(", ", definition.accepted()) + ".");
        }
        if (definition.scope() == Scope.DEFAULT_ONLY && !asDefault) {
            throw ApiException.invalidParameter(name + " can only be set for the whole account, with "
                    + "PutAccountSettingDefault.");
        }
        if (definition.scope() == Scope.ACCOUNT && !principalArn.equals(rootArn)) {
            throw ApiException.invalidParameter(name + " can only be set for the whole account: with "
                    + "PutAccountSettingDefault, or with PutAccountSetting for the root user.");
        }
    }

    /** Checks a DeleteAccountSetting: a long ARN format cannot be turned off, a managed setting not changed. */
    public static void checkDelete(String name) {
        Definition definition = definition(name);
        if (definition.scope() == Scope.AWS_MANAGED) {
            throw readOnly(name);
        }
        if (definition.isLongArnFormat()) {
            throw ApiException.invalidParameter(LONG_ARN_MESSAGE);
        }
    }

    /**
     * The setting in effect for {@code principalArn}: its own, else the account's (the root user's), else ECS's
     * default, which ECS answers as the root user's.
     */
    public static AccountSetting effective(String name, String principalArn, String rootArn,
            Function<String, Optional<AccountSetting>> byKey) {
        Definition definition = definition(name);
        return byKey.apply(AccountSetting.key(principalArn, name))
                .or(() -> byKey.apply(AccountSetting.key(rootArn, name)))
                .orElseGet(() -> new AccountSetting(rootArn, name, definition.ecsDefault()));
    }

    /** Every setting in effect for {@code principalArn}, by name. */
    public static List<AccountSetting> effective(String principalArn, String rootArn,
            Collection<AccountSetting> explicit) {
        Map<String, AccountSetting> byKey = explicit.stream()
                .collect(Collectors.toMap(AccountSetting::key, setting -> setting, (a, b) -> b));
        List<AccountSetting> settings = new ArrayList<>();
        for (String name : DEFINITIONS.keySet()) {
            settings.add(effective(name, principalArn, rootArn, key -> Optional.ofNullable(byKey.get(key))));
        }
        return settings;
    }

    private static ApiException readOnly(String name) {
        return ApiException.invalidParameter(name + " is read-only in Amazon ECS: Amazon GuardDuty manages it "
                + "for the account.");
    }

    private static Map<String, Definition> definitions(Definition... definitions) {
        Map<String, Definition> byName = new TreeMap<>();
        for (Definition definition : definitions) {
            byName.put(definition.name(), definition);
        }
        return Collections.unmodifiableMap(byName);
    }

}

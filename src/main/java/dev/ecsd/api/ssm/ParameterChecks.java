package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.ParameterVersion;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks PutParameter makes on what a version is to hold: type, tier and its size limit, data type, key id,
 * allowed pattern and policies. No message quotes a value: it may be a secret.
 */
final class ParameterChecks {
    static final String STANDARD = "Standard";
    static final String ADVANCED = "Advanced";
    static final String INTELLIGENT_TIERING = "Intelligent-Tiering";
    static final String DEFAULT_KEY_ID = "alias/aws/ssm";
    static final String TEXT = "text";
    static final int STANDARD_MAX_VALUE = 4096;
    static final int ADVANCED_MAX_VALUE = 8192;
    private static final List<String> TYPES = List.of(ParameterVersion.SECURE_STRING, ParameterVersion.STRING_LIST,
            ParameterVersion.STRING);
    private static final List<String> TIERS = List.of(STANDARD, ADVANCED, INTELLIGENT_TIERING);
    private static final Pattern KEY_ID = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}"
            + "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            + "|mrk-[0-9a-fA-F]{32}"
            + "|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-zA-Z-]+|alias/[a-zA-Z0-9/_-]+)");

    private ParameterChecks() {
    }

    static String type(String type) {
        if (!TYPES.contains(type)) {
            throw SsmRequests.constraint(type, "type", "Member must satisfy enum value set: " + TYPES);
        }
        return type;
    }

    static String value(String value) {
        SsmRequests.required(value, "value");
        return value;
    }

    /**
     * The tier a version gets: the one asked for (Intelligent-Tiering picks the smallest that holds the value),
     * or else the previous version's; never lower than Advanced once a parameter is Advanced.
     */
    static String tier(String requested, String previous, String value) {
        if (requested != null && !TIERS.contains(requested)) {
            throw SsmRequests.constraint(requested, "tier", "Member must satisfy enum value set: " + TIERS);
        }
        String wanted = requested == null ? (previous == null ? STANDARD : previous) : requested;
        if (INTELLIGENT_TIERING.equals(wanted)) {
            wanted = ADVANCED.equals(previous) || value.length() > STANDARD_MAX_VALUE ? ADVANCED : STANDARD;
        }
        if (STANDARD.equals(wanted) && ADVANCED.equals(previous)) {
            throw SsmRequests.validation("This parameter uses the advanced-parameter tier. You can't downgrade a "
                    + "parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you "
                    + "can delete the advanced parameter and recreate it as a standard parameter.");
        }
        if (STANDARD.equals(wanted) && value.length() > STANDARD_MAX_VALUE) {
            throw SsmRequests.validation("Standard tier parameters support a maximum parameter value of "
                    + STANDARD_MAX_VALUE + " characters. To create a larger parameter value, upgrade the parameter "
                    + "to use the advanced-parameter tier (up to " + ADVANCED_MAX_VALUE + " characters).");
        }
        if (value.length() > ADVANCED_MAX_VALUE) {
            throw SsmRequests.constraint(null, "value",
                    "Member must have length less than or equal to " + ADVANCED_MAX_VALUE);
        }
        return wanted;
    }

    static String dataType(String dataType) {
        if (dataType == null || TEXT.equals(dataType)) {
            return TEXT;
        }
        if ("aws:ec2:image".equals(dataType)) {
            throw SsmRequests.validation("ecsd does not support the data type aws:ec2:image: it cannot check that "
                    + "the value is an Amazon Machine Image id. Use the data type text.");
        }
        throw SsmRequests.validation("The following data type is not supported: " + dataType
                + " (Data type names are all lowercase.)");
    }

    /** The key id of a version: the default one for SecureString without one, none for the other types. */
    static String keyId(String keyId, String type, String previousKeyId) {
        if (!ParameterVersion.SECURE_STRING.equals(type)) {
            if (keyId != null) {
                throw SsmRequests.validation("KeyId is valid only for SecureString parameters; this parameter is of "
                        + "type " + type + ".");
            }
            return null;
        }
        if (keyId == null) {
            return previousKeyId == null ? DEFAULT_KEY_ID : previousKeyId;
        }
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new ApiException(ErrorType.INVALID_KEY_ID, "Invalid keyId " + keyId + ": give alias/aws/ssm, an "
                    + "alias (alias/name), a key id, or the ARN of a key or alias.");
        }
        return keyId;
    }

    /** Compiles an allowed pattern, refusing one that is not a regular expression. */
    static Pattern allowedPattern(String allowedPattern) {
        if (allowedPattern == null) {
            return null;
        }
        SsmRequests.maxLength(allowedPattern, 1024, "allowedPattern");
        try {
            return Pattern.compile(allowedPattern);
        } catch (PatternSyntaxException e) {
            throw new ApiException(ErrorType.INVALID_ALLOWED_PATTERN, "The allowed pattern " + allowedPattern
                    + " is not a valid regular expression: " + e.getDescription());
        }
    }

    static void matches(Pattern allowed, String value) {
        if (allowed != null && !allowed.matcher(value).matches()) {
            throw new ApiException(ErrorType.PARAMETER_PATTERN_MISMATCH,
                    "Parameter value, cannot be validated against allowedPattern: " + allowed.pattern());
        }
    }

    static void policies(String policies) {
        if (policies != null && !policies.isBlank() && !"[]".equals(policies.strip())) {
            throw SsmRequests.validation("ecsd does not support parameter policies (Expiration, "
                    + "ExpirationNotification, NoChangeNotification) yet: put the parameter without Policies.");
        }
    }

    /** Checks a label; answers false for one SSM reports among the InvalidLabels instead of refusing. */
    static boolean validLabel(String label) {
        if (label == null || label.isEmpty() || label.length() > 100) {
            throw SsmRequests.constraint(label == null ? null : "[" + label + "]", "labels", "Member must satisfy "
                    + "constraint: [Member must have length less than or equal to 100, Member must have length "
                    + "greater than or equal to 1]");
        }
        String lower = label.toLowerCase(Locale.ROOT);
        return label.matches("[a-zA-Z0-9_.\\-]+") && !Character.isDigit(label.charAt(0))
                && !lower.startsWith("aws") && !lower.startsWith("ssm");
    }
}

package dev.ecsd.api.ssm;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import dev.ecsd.model.ssm.Parameter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parameter names as SSM reads them: the naming rules PutParameter applies (characters, reserved prefixes, 15
 * levels of hierarchy), the ARN of a name, and the {@code name:version} / {@code name:label} selectors and ARNs that
 * reading operations accept.
 */
final class ParameterNames {
    static final int MAX_NAME_LENGTH = 1011;
    static final int MAX_LEVELS = 15;
    private static final Pattern CHARACTERS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
    private static final String CHARACTER_RULE = "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). "
            + "If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed "
            + "as a mix of letters, numbers and the following 3 symbols .-_";

    private final String region;
    private final String accountId;

    ParameterNames(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** A name and the selector after its colon (null without one). */
    record Selected(String name, String selector) {
        boolean byVersion() {
            return selector != null && selector.chars().allMatch(Character::isDigit);
        }
    }

    /** {@code arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>}. */
    String arn(String name) {
        return "arn:aws:ssm:" + region + ":" + accountId + ":parameter/"
                + (name.startsWith("/") ? name.substring(1) : name);
    }

    /** Checks a name PutParameter is to create, as SSM does; answers it without surrounding spaces. */
    static String checkNew(String given) {
        String name = SsmRequests.required(given, "name").strip();
        if (name.startsWith("arn:")) {
            throw SsmRequests.validation("Parameter name: can't be an ARN. PutParameter takes the parameter name "
                    + "itself, such as /Dev/DBServer/MySQL/db-string13.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw SsmRequests.validation("Parameter name: can't be longer than " + MAX_NAME_LENGTH + " characters.");
        }
        String first = (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
        boolean path = name.indexOf('/', 1) > 0;
        if (first.startsWith("aws") || first.startsWith("ssm")) {
            if (path && first.startsWith("aws")) {
                throw new ApiException(ErrorType.ACCESS_DENIED, "No access to reserved parameter name: " + name + ".");
            }
            throw SsmRequests.validation(path ? CHARACTER_RULE
                    : "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        }
        if (path && !name.startsWith("/")) {
            throw SsmRequests.validation("Parameter name must be a fully qualified name: a name in a hierarchy "
                    + "begins with a forward slash, as /" + name + ".");
        }
        if (!CHARACTERS.matcher(name).matches() || name.contains("//") || name.endsWith("/")) {
            throw SsmRequests.validation(CHARACTER_RULE);
        }
        long levels = name.chars().filter(c -> c == '/').count();
        if (levels > MAX_LEVELS) {
            throw new ApiException(ErrorType.HIERARCHY_LEVEL_LIMIT_EXCEEDED, "A hierarchy can have a maximum of "
                    + MAX_LEVELS + " levels. Parameter name " + name + " has " + levels + ".");
        }
        return name;
    }

    /**
     * The parameter a reading request names, by name or ARN of this account and region, with its selector if it
     * has one. A malformed reference is answered as a parameter that does not exist.
     */
    Selected select(String reference) {
        String name = reference.strip();
        String arnPrefix = arn("");
        if (name.startsWith("arn:")) {
            if (!name.startsWith(arnPrefix)) {
                throw notFound(reference);
            }
            String resource = name.substring(arnPrefix.length());
            name = resource.contains("/") ? "/" + resource : resource;
        }
        int colon = name.indexOf(':');
        if (colon < 0) {
            return new Selected(name, null);
        }
        String selector = name.substring(colon + 1);
        if (selector.isEmpty() || selector.contains(":")) {
            throw notFound(reference);
        }
        return new Selected(name.substring(0, colon), selector);
    }

    /** The key of a name or ARN without selector, for operations that take no selector. */
    String keyOf(String reference) {
        Selected selected = select(reference);
        if (selected.selector() != null) {
            throw notFound(reference);
        }
        return Parameter.key(selected.name());
    }

    static ApiException notFound(String name) {
        return new ApiException(ErrorType.PARAMETER_NOT_FOUND, "Parameter " + name + " not found.");
    }
}

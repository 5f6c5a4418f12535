package dev.ecsd.logs;

import dev.ecsd.model.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules CloudWatch Logs applies to log group and log stream names, with its own wording of each refusal. */
public final class LogNames {
    public static final int MAX_LENGTH = 512;
    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]*");

    private LogNames() {
    }

    /** Checks a log group name; {@code member} is the request member it came in, for the message. */
    public static String checkGroupName(String name, String member) {
        checkLength(name, member);
        if (!GROUP_NAME.matcher(name).matches()) {
            throw constraint(name, member, "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    /** Checks the name of a log group about to be created, which may not be in AWS's reserved namespace. */
    public static String checkNewGroupName(String name) {
        checkGroupName(name, "logGroupName");
        if (name.toLowerCase(Locale.ROOT).startsWith("aws/")) {
            throw ApiException.invalidParameter("Log groups starting with AWS/ are reserved for AWS.");
        }
        return name;
    }

    public static String checkStreamName(String name, String member) {
        checkLength(name, member);
        if (!STREAM_NAME.matcher(name).matches()) {
            throw constraint(name, member, "Member must satisfy regular expression pattern: [^:*]*");
        }
        return name;
    }

    private static void checkLength(String name, String member) {
        if (name == null || name.isEmpty()) {
            throw constraint("", member, "Member must have length greater than or equal to 1");
        }
        if (name.length() > MAX_LENGTH) {
            throw constraint(name, member, "Member must have length less than or equal to " + MAX_LENGTH);
        }
    }

    private static ApiException constraint(String value, String member, String constraint) {
        return Constraints.violation(value, member, constraint);
    }
}

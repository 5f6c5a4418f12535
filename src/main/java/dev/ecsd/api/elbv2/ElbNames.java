package dev.ecsd.api.elbv2;

import dev.ecsd.model.Quoted;
import java.util.regex.Pattern;

/** ELBv2's rules for the names of load balancers and target groups. */
public final class ElbNames {
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9-]+");
    private static final int MAX_LENGTH = 32;

    private ElbNames() {
    }

    /**
     * A load balancer's name: 1 to 32 letters, digits and hyphens, not beginning or ending with a hyphen, not
     * beginning with {@code internal-} (which ELBv2 puts before the DNS names of internal load balancers).
     */
    public static String checkLoadBalancerName(String name) {
        String what = "The load balancer name '" + Quoted.of(name) + "'";
        check(name, what);
        if (name.startsWith("internal-")) {
            throw ElbErrors.validation(what + " cannot begin with 'internal-'");
        }
        return name;
    }

    /** A target group's name: 1 to 32 letters, digits and hyphens, not beginning or ending with a hyphen. */
    public static String checkTargetGroupName(String name) {
        check(name, "Target group name '" + Quoted.of(name) + "'");
        return name;
    }

    private static void check(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw ElbErrors.validation("A name must be specified");
        }
        if (name.length() > MAX_LENGTH) {
            throw ElbErrors.validation(what + " cannot be longer than '" + MAX_LENGTH + "' characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw ElbErrors.validation(what + " can only contain characters that are alphanumeric characters or "
                    + "hyphens(-)");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            throw ElbErrors.validation(what + " cannot begin or end with '-'");
        }
    }
}

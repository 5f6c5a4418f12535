package dev.ecsd.console;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether the name a request was addressed to (its Host) is this machine's loopback: {@code localhost} (and its
 * subdomains, which browsers resolve to loopback themselves), 127.0.0.0/8 or ::1, read as written and never looked
 * up, since a name that resolves to 127.0.0.1 today is exactly what DNS rebinding abuses.
 */
final class LoopbackHost {
    private static final Pattern IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private LoopbackHost() {
    }

    static boolean is(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost") || IPV4.matcher(name).matches()
                || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1");
    }
}

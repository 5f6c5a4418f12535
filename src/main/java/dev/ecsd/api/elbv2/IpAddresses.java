package dev.ecsd.api.elbv2;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Whether a string is a literal IP address, decided without any name lookup. */
final class IpAddresses {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    static boolean isIpv4(String value) {
        return value != null && IPV4.matcher(value).matches();
    }

    static boolean isIpv6(String value) {
        if (value == null || !value.contains(":") || !IPV6.matcher(value).matches()) {
            return false;
        }
        try {
            // With only hex digits, colons and dots it is a literal; InetAddress parses it without a lookup.
            return InetAddress.getByName(value) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isIpAddress(String value) {
        return isIpv4(value) || isIpv6(value);
    }
}

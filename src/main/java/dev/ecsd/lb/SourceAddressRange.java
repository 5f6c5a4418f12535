package dev.ecsd.lb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** A CIDR block of a source-ip condition ({@code 10.0.0.0/8}, {@code 2001:db8::/32}), and whether it holds an address. */
public final class SourceAddressRange {
    private final byte[] network;
    private final int prefixLength;

    private SourceAddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** The range written as {@code address/prefix} (a bare address is a range of one), or empty if it is not one. */
    public static Optional<SourceAddressRange> parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        Optional<byte[]> address = addressBytes(parts[0]);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new SourceAddressRange(address.get(), prefix));
    }

    /** Whether {@code address} (an IP literal, as a connection reports it) lies in the range. */
    public boolean contains(String address) {
        Optional<byte[]> candidate = addressBytes(address);
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        byte[] bytes = candidate.get();
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - remainingBits) & 0xFF;
        return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /**
     * The bytes of an IP literal. IPv4 is parsed here; an IPv6 literal (it has a colon) is handed to the JDK,
     * which parses such a string itself and never asks DNS — a name is refused before it could be looked up.
     */
    static Optional<byte[]> addressBytes(String literal) {
        String text = literal.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.indexOf(':') >= 0) {
            if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%')) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(text).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (octets[i].isEmpty() || octets[i].length() > 3 || !octets[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int value = Integer.parseInt(octets[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(bytes);
    }
}

package io.phonegate.gateway.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address written as a literal: a dotted quad, or IPv6 hex and colons (brackets and a zone
 * allowed). Only text of that shape reaches {@link InetAddress}, so nothing read from a request or a
 * setting ever becomes a DNS lookup. An IPv4-mapped IPv6 address parses as the IPv4 address.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z]{1,16})?]?");

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        String literal = text.strip();
        if (IPV4.matcher(literal).matches()) {
            return ipv4(literal);
        }
        if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            // Hex digits and colons only: Java parses it as a literal or refuses it, never resolves it.
            return Optional.of(InetAddress.getByName(stripBracketsAndZone(literal)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Each octet 0–255 (leading zeros read as decimal, never octal). */
    private static Optional<InetAddress> ipv4(String literal) {
        String[] octets = literal.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(octets[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static String stripBracketsAndZone(String literal) {
        String bare = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = bare.indexOf('%');
        return zone < 0 ? bare : bare.substring(0, zone);
    }
}

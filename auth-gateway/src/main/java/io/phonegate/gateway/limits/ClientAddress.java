package io.phonegate.gateway.limits;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which address a request came from, and what the per-address limit counts it under. By default
 * the TCP peer: a header anyone can write is trusted only when configured, and then only the entry
 * the trusted proxies appended ({@code trustedHops} from the right), so a client cannot pick its
 * own address. An IPv6 client is counted by its /64, the block one subscriber usually holds.
 */
final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z]{1,16})?]?");

    private final ClientIpSettings settings;

    ClientAddress(ClientIpSettings settings) {
        this.settings = settings;
    }

    String of(HttpServletRequest request) {
        if (!settings.fromHeader()) {
            return request.getRemoteAddr();
        }
        String header = request.getHeader(settings.forwardedHeader());
        if (header == null || header.isBlank()) {
            return request.getRemoteAddr();
        }
        String[] hops = header.split(",");
        int index = hops.length - settings.trustedHops();
        String candidate = hops[Math.max(0, index)].strip();
        return candidate.isEmpty() || candidate.length() > 64 ? request.getRemoteAddr() : candidate;
    }

    /**
     * What the limit counts an address under: an IPv4 address as itself, an IPv6 address by its first
     * 64 bits (an IPv4-mapped one as the IPv4 address), anything else as written. Only literals are
     * parsed, so no text from a header ever becomes a DNS lookup.
     */
    static String limitKey(String address) {
        String literal = address.strip();
        if (IPV4.matcher(literal).matches()) {
            return ipv4(literal);
        }
        if (literal.indexOf(':') < 0 || !IPV6.matcher(literal).matches()) {
            return literal;
        }
        try {
            // Hex digits and colons only: Java parses it as a literal or refuses it, never resolves it.
            InetAddress parsed = InetAddress.getByName(stripBracketsAndZone(literal));
            if (parsed instanceof Inet6Address) {
                return HexFormat.of().formatHex(Arrays.copyOf(parsed.getAddress(), 8)) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    /** Dotted quad without leading zeros; one with an octet over 255 stays as written. */
    private static String ipv4(String literal) {
        String[] octets = literal.split("\\.");
        StringBuilder normal = new StringBuilder();
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return literal;
            }
            normal.append(normal.isEmpty() ? "" : ".").append(value);
        }
        return normal.toString();
    }

    private static String stripBracketsAndZone(String literal) {
        String bare = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = bare.indexOf('%');
        return zone < 0 ? bare : bare.substring(0, zone);
    }
}

package io.phonegate.gateway.limits;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is
 * a block of one. An IPv4 block holds only IPv4 addresses (an IPv4-mapped IPv6 address counts as IPv4).
 */
record AddressRange(InetAddress network, int prefix) {

    AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of 0–" + bits);
        }
    }

    /** @throws IllegalArgumentException for anything but an IP literal with an optional {@code /prefix} */
    static AddressRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = IpLiteral.parse(address).orElseThrow(
                () -> new IllegalArgumentException("not an IP address range: '" + cidr + "'"));
        int bits = network.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address range: '" + cidr + "'", e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("not an IP address range: '" + cidr + "' (prefix out of 0–" + bits + ")");
        }
        return new AddressRange(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int whole = prefix / 8;
        if (!Arrays.equals(candidate, 0, whole, base, 0, whole)) {
            return false;
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[whole] & mask) == (base[whole] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}

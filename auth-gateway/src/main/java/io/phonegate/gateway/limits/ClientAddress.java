package io.phonegate.gateway.limits;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Which address a request came from: the one place the gateway decides it (every limit and log reads
 * the result, see {@link ClientAddressFilter}). The TCP peer is the client, unless the peer is in a
 * trusted proxy range: then the forwarded header is read from the right, past every address that is
 * itself a trusted proxy, and the first other address is the client. A client can write anything to
 * the left of what the proxies append, so nothing it writes is ever reached; {@code Forwarded},
 * {@code X-Real-IP} and other headers are never read.
 */
final class ClientAddress {

    /** More hops than any real chain of proxies: past them, the leftmost trusted one stands. */
    private static final int MAX_HOPS = 16;

    private final List<AddressRange> trustedProxies;
    private final String forwardedHeader;

    ClientAddress(ClientIpSettings settings) {
        this.trustedProxies = settings.proxyRanges();
        this.forwardedHeader = settings.forwardedHeader();
    }

    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !trusted(IpLiteral.parse(peer))) {
            return peer;
        }
        String client = peer;
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= Math.max(0, hops.size() - MAX_HOPS); i--) {
            Optional<InetAddress> hop = IpLiteral.parse(hops.get(i));
            if (hop.isEmpty()) {
                // Not an address: not something a trusted proxy wrote. The last one vouched for stands.
                return client;
            }
            client = hop.get().getHostAddress();
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    /** Every entry of every line of the forwarded header, in the order they were written. */
    private List<String> hops(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String line : Collections.list(request.getHeaders(forwardedHeader))) {
            hops.addAll(Arrays.asList(line.split(",", -1)));
        }
        return hops;
    }

    private boolean trusted(Optional<InetAddress> address) {
        return address.isPresent() && trustedProxies.stream().anyMatch(range -> range.contains(address.get()));
    }

    /**
     * What the limit counts an address under: an IPv4 address as itself, an IPv6 address by its first
     * 64 bits (the block one subscriber usually holds; an IPv4-mapped one as the IPv4 address),
     * anything else as written.
     */
    static String limitKey(String address) {
        Optional<InetAddress> parsed = IpLiteral.parse(address);
        if (parsed.isEmpty()) {
            return address.strip();
        }
        if (parsed.get() instanceof Inet6Address) {
            return HexFormat.of().formatHex(Arrays.copyOf(parsed.get().getAddress(), 8)) + "::/64";
        }
        return parsed.get().getHostAddress();
    }
}

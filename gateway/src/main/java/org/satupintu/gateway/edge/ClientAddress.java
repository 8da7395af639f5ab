package org.satupintu.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who the client is, for per-address limits. The peer address, unless the peer is one of the configured proxies
 * ({@code satupintu.edge.trusted-proxies}, CIDRs): then the right-most address in {@code X-Forwarded-For} that is
 * not itself a trusted proxy (entries further left are the client's own claims and are not believed). Without
 * trusted proxies the header is ignored, so nobody can pick their own bucket. An IPv6 client is counted per /64,
 * the block one subscriber usually holds, so rotating addresses inside it buys no extra budget.
 */
final class ClientAddress {

    private record Cidr(byte[] prefix, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((bytes[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Cidr> trustedProxies;

    ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(ClientAddress::cidr).toList();
    }

    private static Cidr cidr(String value) {
        String[] parts = value.trim().split("/", 2);
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("satupintu.edge.trusted-proxies: not an address: " + value);
        }
        int max = address.getAddress().length * 8;
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("satupintu.edge.trusted-proxies: bad prefix length: " + value);
        }
        return new Cidr(address.getAddress(), bits);
    }

    /** The client's address, or null when the connection has none (e.g. a test exchange). */
    @Nullable InetAddress of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For").stream()
                .flatMap(h -> Arrays.stream(h.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        InetAddress client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwarded.get(i));
            if (hop == null) {
                break; // garbage: stop at the last address we could read
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    /** The limit bucket: an IPv4 address as it is, an IPv6 address by its /64 prefix. */
    static String bucket(@Nullable InetAddress address) {
        if (address == null) {
            return "unknown";
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    /** Parses an address literal without ever asking DNS (a header could name a host). */
    private static @Nullable InetAddress literal(String value) {
        String v = value.startsWith("[") && value.contains("]") ? value.substring(1, value.indexOf(']')) : value;
        boolean ipv4 = v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = v.contains(":") && v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(v); // a literal: no lookup
        }
        catch (UnknownHostException e) {
            return null;
        }
    }
}

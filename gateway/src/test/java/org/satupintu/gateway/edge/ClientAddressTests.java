package org.satupintu.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** Which bucket an anonymous client counts in: forwarded headers only from trusted proxies, IPv6 per /64. */
class ClientAddressTests {

    final ClientAddress none = new ClientAddress(List.of());
    final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() throws Exception {
        ServerHttpRequest spoofed = from("198.51.100.7", "203.0.113.99");
        assertThat(none.of(spoofed)).isEqualTo(InetAddress.getByName("198.51.100.7"));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() throws Exception {
        // The client claims 1.2.3.4 itself; the proxy appended what it saw: 203.0.113.10.
        assertThat(behindProxy.of(from("10.1.2.3", "1.2.3.4, 203.0.113.10")))
                .isEqualTo(InetAddress.getByName("203.0.113.10"));
        // Two proxies of ours in a row.
        assertThat(behindProxy.of(from("10.1.2.3", "203.0.113.10, 10.9.9.9")))
                .isEqualTo(InetAddress.getByName("203.0.113.10"));
        // A peer that is not our proxy cannot choose its bucket.
        assertThat(behindProxy.of(from("198.51.100.7", "203.0.113.10")))
                .isEqualTo(InetAddress.getByName("198.51.100.7"));
        // Garbage or host names are never looked up: the last readable hop counts.
        assertThat(behindProxy.of(from("10.1.2.3", "evil.example, not-an-ip")))
                .isEqualTo(InetAddress.getByName("10.1.2.3"));
    }

    @Test
    void anIpv6ClientCountsPerSlash64() throws Exception {
        String a = ClientAddress.bucket(InetAddress.getByName("2001:db8:1:2::1"));
        String b = ClientAddress.bucket(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        String c = ClientAddress.bucket(InetAddress.getByName("2001:db8:1:3::1"));
        assertThat(a).isEqualTo(b).isEqualTo("20010db800010002::/64");
        assertThat(c).isNotEqualTo(a);
        assertThat(ClientAddress.bucket(InetAddress.getByName("203.0.113.10"))).isEqualTo("203.0.113.10");
        assertThat(ClientAddress.bucket(null)).isEqualTo("unknown");
    }

    @Test
    void aMistypedProxyListStopsTheGatewayFromStarting() {
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ServerHttpRequest from(String peer, String forwardedFor) throws Exception {
        return MockServerHttpRequest.get("/api/public/permits/x")
                .remoteAddress(new InetSocketAddress(InetAddress.getByName(peer), 40000))
                .header("X-Forwarded-For", forwardedFor).build();
    }
}

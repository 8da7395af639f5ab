package org.satupintu.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Literal addresses only: no DNS lookups leave this machine. */
class TargetGuardTests {

    final TargetGuard production = new TargetGuard(false);
    final TargetGuard localStack = new TargetGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook",
        "http://172.16.0.1/hook", "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://[::1]/hook", "http://[fd00::1]/hook",
        "http://[fe80::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://224.0.0.1/hook",
        // IPv6 forms that carry an IPv4 address elsewhere: NAT64, 6to4, Teredo, IPv4-compatible, IPv4-mapped
        "http://[64:ff9b::a9fe:a9fe]/hook", "http://[64:ff9b::808:808]/hook", "http://[64:ff9b:1::a00:1]/hook",
        "http://[2002:a9fe:a9fe::1]/hook", "http://[2001:0:4136:e378::1]/hook", "http://[::a9fe:a9fe]/hook",
        "http://[::7f00:1]/hook", "http://[0:0:0:0:0:ffff:a00:1]/hook"})
    void productionRefusesInternalTargets(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOf(InvalidWebhookUrlException.class)
                .hasMessageContaining("internal address");
    }

    @Test
    void productionAcceptsPublicAddresses() {
        assertThat(production.check("https://203.0.114.10/satupintu/hook").getHost()).isEqualTo("203.0.114.10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)", "not a url",
        "http:///nohost", "https://user:pw@203.0.114.10/hook", "gopher://127.0.0.1/"})
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThatThrownBy(() -> localStack.check(url)).isInstanceOf(InvalidWebhookUrlException.class);
    }

    /** What the HTTP client connects to comes from the same checked lookup: an internal answer is refused there. */
    @Test
    void theResolverTheSenderConnectsThroughRefusesInternalAnswersAndReturnsCheckedOnes() throws Exception {
        assertThatThrownBy(() -> production.resolve("127.0.0.1")).isInstanceOf(TargetGuard.RefusedTargetException.class);
        assertThatThrownBy(() -> production.resolve("[64:ff9b::7f00:1]"))
                .isInstanceOf(TargetGuard.RefusedTargetException.class);
        assertThat(production.resolve("203.0.114.10")).extracting(java.net.InetAddress::getHostAddress)
                .containsExactly("203.0.114.10");
        assertThat(localStack.resolve("127.0.0.1")).hasSize(1);
        assertThat(production.checkForm("http://127.0.0.1/hook").getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theLocalStackMayUseLoopbackReceivers() {
        assertThat(localStack.check("http://127.0.0.1:9999/hook").getPort()).isEqualTo(9999);
    }
}

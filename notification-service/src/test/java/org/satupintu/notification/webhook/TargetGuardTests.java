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
        "http://[fe80::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://224.0.0.1/hook"})
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

    @Test
    void theLocalStackMayUseLoopbackReceivers() {
        assertThat(localStack.check("http://127.0.0.1:9999/hook").getPort()).isEqualTo(9999);
    }
}

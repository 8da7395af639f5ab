package org.satupintu.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTests {

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // echo -n '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSigner.header("whsec_test", 1700000000L, "{\"id\":\"e1\"}"))
                .isEqualTo("t=1700000000,v1=" + WebhookSigner.hmac("whsec_test", "1700000000.{\"id\":\"e1\"}"))
                .matches("t=1700000000,v1=[0-9a-f]{64}");
    }

    @Test
    void secretsAreLongAndDistinct() {
        String a = WebhookSigner.newSecret();
        assertThat(a).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(a);
    }
}

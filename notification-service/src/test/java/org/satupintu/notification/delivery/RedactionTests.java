package org.satupintu.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Personal data never reaches the logs in clear. */
class RedactionTests {

    @Test
    void masksEmailAddressesAndPhoneNumbersInsideAnyText() {
        assertThat(Redaction.mask("550 5.1.1 <ani.suryani@example.id>: no such user"))
                .isEqualTo("550 5.1.1 <a***@example.id>: no such user").doesNotContain("suryani");
        assertThat(Redaction.mask("+6281234567890")).startsWith("+628").endsWith("90").doesNotContain("3456");
        assertThat(Redaction.mask("SMS to 0812-3456-7890 failed")).doesNotContain("3456").contains("failed");
        assertThat(Redaction.mask("user:3f2a-subject")).isEqualTo("user:3f2a-subject");
        assertThat(Redaction.mask(null)).isEmpty();
    }

    @Test
    void aBodyIsDescribedByItsSizeOnly() {
        assertThat(Redaction.body("Izin PBG Anda terbit: PBG-SULUT-MANADO-2026-000042")).isEqualTo("(50 characters)");
        assertThat(Redaction.body(null)).isEqualTo("(no body)");
    }
}

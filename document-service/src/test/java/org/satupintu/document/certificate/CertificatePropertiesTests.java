package org.satupintu.document.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class CertificatePropertiesTests {

    @Test
    void qrCodeOpensTheWebClientsVerificationPageNotTheJsonApi() {
        var properties = new CertificateProperties("https://izin.example.go.id/", ZoneId.of("Asia/Makassar"));

        assertThat(properties.verificationUrl("PBG-SULUT-MANADO-2026-000042"))
                .isEqualTo("https://izin.example.go.id/verify/PBG-SULUT-MANADO-2026-000042");
    }

    @Test
    void permitNumberIsEncodedAsOnePathSegment() {
        var properties = new CertificateProperties("http://localhost:8080", ZoneId.of("Asia/Makassar"));

        assertThat(properties.verificationUrl("A B/C")).isEqualTo("http://localhost:8080/verify/A%20B%2FC");
    }
}

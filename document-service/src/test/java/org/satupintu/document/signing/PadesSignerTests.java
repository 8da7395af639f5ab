package org.satupintu.document.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

class PadesSignerTests {

    static byte[] blankPdf() throws Exception {
        try (PDDocument pdf = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            pdf.addPage(new PDPage());
            pdf.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void anEmbeddedSignatureVerifiesWithItsKeyOnlyAndOnlyWhileUnchanged() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair office = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        X509Certificate certificate = PadesSigner.selfSigned(office.getPrivate(), office.getPublic(), "CN=Test", now);

        byte[] signed = PadesSigner.sign(blankPdf(), office.getPrivate(), certificate, "SatuPintu", "test",
                "SULUT-MANADO", now);
        assertThat(PadesSigner.verify(signed, office.getPublic())).isTrue();
        assertThat(PadesSigner.verify(signed, other.getPublic())).isFalse();
        assertThat(PadesSigner.verify(blankPdf(), office.getPublic())).isFalse();

        byte[] tampered = signed.clone();
        // The page width inside /MediaBox (a bare "612" may also occur in the signature's hex, which is not signed).
        String text = new String(tampered, java.nio.charset.StandardCharsets.ISO_8859_1);
        int mediaBox = text.indexOf("612", text.indexOf("/MediaBox"));
        assertThat(text.indexOf("/MediaBox")).isNotNegative();
        tampered[mediaBox] = '7';
        assertThat(PadesSigner.verify(tampered, office.getPublic())).isFalse();

        byte[] appended = java.util.Arrays.copyOf(signed, signed.length + 10);
        assertThat(PadesSigner.verify(appended, office.getPublic())).isFalse();
    }
}

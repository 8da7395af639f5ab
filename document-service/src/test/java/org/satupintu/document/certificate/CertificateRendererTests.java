package org.satupintu.document.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneId;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class CertificateRendererTests {

    static final String URL = "https://izin.example.go.id/verify/PBG-SULUT-MANADO-2026-000042";

    static byte[] render() throws Exception {
        return CertificateRenderer.render(new CertificateContent("PBG-SULUT-MANADO-2026-000042", "PBG",
                "Ani Suryani", "SULUT-MANADO", "REG-SULUT-MANADO-2026-000123", Instant.parse("2026-11-27T02:00:00Z"),
                URL), ZoneId.of("Asia/Makassar"));
    }

    @Test
    void statesThePermitInBahasaIndonesiaAndEnglish() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("SERTIFIKAT IZIN", "Permit Certificate", "Nomor Izin", "Permit number",
                    "PBG-SULUT-MANADO-2026-000042", "Pemegang Izin", "Permit holder", "Ani Suryani", "SULUT-MANADO",
                    "27 November 2026", "Tanggal Terbit", "Date of issue");
        }
    }

    @Test
    void itsQrCodeOpensTheVerificationUrl() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(render())) {
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
            int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
            var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(),
                    page.getHeight(), pixels)));
            assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(URL);
        }
    }

    @Test
    void foldsWhatTheStandardFontsCannotShow() {
        assertThat(CertificateRenderer.winAnsi("Hénri Łukasz 王")).isEqualTo("Henri ?ukasz ?");
    }
}

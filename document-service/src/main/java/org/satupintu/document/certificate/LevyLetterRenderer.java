package org.satupintu.document.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/**
 * Renders the two levy letters as one bilingual A4 page each, Bahasa Indonesia first with English beneath: the
 * regional levy assessment (SKRD: amount, basis, billing code, due date) and the receipt of its payment.
 */
final class LevyLetterRenderer {

    private static final float MARGIN = 56;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final int BASIS_LINE = 80;

    private LevyLetterRenderer() {
    }

    /** What a levy letter states. */
    record Content(boolean receipt, String applicationId, @Nullable String registrationNumber,
            @Nullable String permitNumber, String permitTypeCode, String officeCode, String holderName,
            long amountIdr, String basis, @Nullable String billingCode, @Nullable Instant dueAt,
            @Nullable Instant paidAt, @Nullable String paymentReference, Instant at) {
    }

    static byte[] render(Content content, ZoneId zone) throws IOException {
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            float top = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                CertificateRenderer.text(out, bold, 11, MARGIN, top, "PEMERINTAH DAERAH - BADAN KEUANGAN DAERAH");
                CertificateRenderer.text(out, italic, 9, MARGIN, top - 14, "Regional Government - Regional Treasury");
                CertificateRenderer.text(out, bold, 18, MARGIN, top - 56, content.receipt()
                        ? "TANDA BUKTI PEMBAYARAN RETRIBUSI" : "SURAT KETETAPAN RETRIBUSI DAERAH (SKRD)");
                CertificateRenderer.text(out, italic, 12, MARGIN, top - 74, content.receipt()
                        ? "Receipt of the regional levy payment" : "Regional levy assessment letter");
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"Kode Bayar", "Billing code", orDash(content.billingCode())});
                rows.add(new String[] {"Jumlah", "Amount", rupiah(content.amountIdr())});
                rows.add(new String[] {"Jenis Izin", "Permit type", content.permitTypeCode()});
                rows.add(new String[] {"Wajib Retribusi", "Levy payer", content.holderName()});
                rows.add(new String[] {"Nomor Registrasi", "Registration number", orDash(content.registrationNumber())});
                rows.add(new String[] {"Kantor", "Office", content.officeCode()});
                if (content.receipt()) {
                    rows.add(new String[] {"Tanggal Bayar", "Paid at", date(content.paidAt(), zone)});
                    rows.add(new String[] {"Referensi Bank", "Bank reference", orDash(content.paymentReference())});
                    rows.add(new String[] {"Nomor Izin", "Permit number", orDash(content.permitNumber())});
                }
                else {
                    rows.add(new String[] {"Jatuh Tempo", "Due date", date(content.dueAt(), zone)});
                }
                float y = top - 116;
                for (String[] row : rows) {
                    CertificateRenderer.text(out, bold, 11, MARGIN, y, row[0]);
                    CertificateRenderer.text(out, italic, 9, MARGIN, y - 12, row[1]);
                    CertificateRenderer.text(out, regular, 12, MARGIN + 150, y - 4, ": " + row[2]);
                    y -= 34;
                }
                CertificateRenderer.text(out, bold, 11, MARGIN, y, "Dasar Pengenaan");
                CertificateRenderer.text(out, italic, 9, MARGIN, y - 12, "Basis of the assessment");
                y -= 28;
                for (String line : lines(content.basis())) {
                    CertificateRenderer.text(out, regular, 10, MARGIN, y, line);
                    y -= 13;
                }
                y -= 16;
                if (content.receipt()) {
                    CertificateRenderer.text(out, regular, 10, MARGIN, y, "Retribusi telah lunas; izin diterbitkan.");
                    CertificateRenderer.text(out, italic, 9, MARGIN, y - 13,
                            "The levy is paid in full; the permit is issued.");
                }
                else {
                    CertificateRenderer.text(out, regular, 10, MARGIN, y,
                            "Bayar di bank daerah dengan kode bayar di atas sebelum jatuh tempo; izin terbit setelah lunas.");
                    CertificateRenderer.text(out, italic, 9, MARGIN, y - 13,
                            "Pay at the regional bank with the billing code above before the due date; the permit is "
                                    + "issued once paid.");
                }
            }
            pdf.getDocumentInformation().setTitle((content.receipt() ? "Bukti Bayar / Receipt " : "SKRD ")
                    + orDash(content.billingCode()));
            pdf.getDocumentInformation().setCreator("SatuPintu document-service");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        }
    }

    static String rupiah(long amount) {
        return "Rp " + NumberFormat.getIntegerInstance(Locale.forLanguageTag("id-ID")).format(amount);
    }

    private static String date(@Nullable Instant at, ZoneId zone) {
        return at == null ? "-" : at.atZone(zone).format(DATE) + " " + zone.getId();
    }

    private static String orDash(@Nullable String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    /** The basis wrapped to the page, at most a dozen lines (the letter states it; the file keeps it whole). */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() + word.length() + 1 > BASIS_LINE && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word.length() > BASIS_LINE ? word.substring(0, BASIS_LINE) : word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines.size() > 12 ? new ArrayList<>(lines.subList(0, 12)) : lines;
    }
}

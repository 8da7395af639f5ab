package org.satupintu.document.certificate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders the permit certificate: one A4 page, Bahasa Indonesia first with English beneath, and a QR code (drawn
 * as vector squares, sharp at any zoom) that opens the public verification page.
 */
final class CertificateRenderer {

    private static final float MARGIN = 56;
    private static final DateTimeFormatter DATE_ID = DateTimeFormatter.ofPattern("d MMMM yyyy",
            Locale.forLanguageTag("id-ID"));
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private CertificateRenderer() {
    }

    static byte[] render(CertificateContent content, ZoneId zone) throws IOException {
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            float width = page.getMediaBox().getWidth();
            float top = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                out.setLineWidth(2f);
                out.addRect(MARGIN / 2, MARGIN / 2, width - MARGIN, page.getMediaBox().getHeight() - MARGIN);
                out.stroke();

                text(out, bold, 11, MARGIN, top, "PEMERINTAH DAERAH - DINAS PENANAMAN MODAL DAN PTSP");
                text(out, italic, 9, MARGIN, top - 14, "Regional Government - One-Stop Integrated Service Office");
                text(out, bold, 22, MARGIN, top - 64, "SERTIFIKAT IZIN");
                text(out, italic, 14, MARGIN, top - 84, "Permit Certificate");

                String dateId = content.issuedAt().atZone(zone).format(DATE_ID);
                String dateEn = content.issuedAt().atZone(zone).format(DATE_EN);
                List<String[]> rows = List.of(
                        new String[] {"Nomor Izin", "Permit number", content.permitNumber()},
                        new String[] {"Jenis Izin", "Permit type", content.permitTypeCode()},
                        new String[] {"Pemegang Izin", "Permit holder", content.holderName()},
                        new String[] {"Kantor Penerbit", "Issuing office", content.officeCode()},
                        new String[] {"Nomor Registrasi", "Registration number",
                                content.registrationNumber() == null ? "-" : content.registrationNumber()},
                        new String[] {"Tanggal Terbit", "Date of issue", dateId + " / " + dateEn});
                float y = top - 130;
                for (String[] row : rows) {
                    text(out, bold, 11, MARGIN, y, row[0]);
                    text(out, italic, 9, MARGIN, y - 12, row[1]);
                    text(out, regular, 12, MARGIN + 150, y - 4, ": " + row[2]);
                    y -= 40;
                }

                text(out, regular, 10, MARGIN, y - 10,
                        "Izin ini diterbitkan secara elektronik dan sah tanpa tanda tangan basah.");
                text(out, italic, 9, MARGIN, y - 23,
                        "This permit is issued electronically and is valid without a wet signature.");

                float qrSize = 140;
                float qrX = width - MARGIN - qrSize;
                float qrY = MARGIN + 40;
                qr(out, content.verificationUrl(), qrX, qrY, qrSize);
                text(out, bold, 10, MARGIN, qrY + qrSize - 10, "Pindai kode QR untuk memverifikasi keaslian izin.");
                text(out, italic, 9, MARGIN, qrY + qrSize - 23, "Scan the QR code to verify this permit.");
                text(out, regular, 8, MARGIN, qrY + qrSize - 45, content.verificationUrl());
            }
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Sertifikat Izin / Permit Certificate " + content.permitNumber());
            info.setCreator("SatuPintu document-service");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone(zone));
            created.setTimeInMillis(content.issuedAt().toEpochMilli());
            info.setCreationDate(created);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        }
    }

    private static void qr(PDPageContentStream out, String url, float x, float y, float size) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        }
        catch (WriterException e) {
            throw new IOException("Cannot encode the verification URL as a QR code", e);
        }
        float module = size / matrix.getWidth();
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    // PDF's y axis points up; the matrix's rows go down.
                    out.addRect(x + col * module, y + size - (row + 1) * module, module, module);
                }
            }
        }
        out.fill();
    }

    static void text(PDPageContentStream out, PDType1Font font, float size, float x, float y, String value)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(winAnsi(value));
        out.endText();
    }

    /** The standard fonts speak WinAnsi only: accents are folded, anything else becomes '?'. */
    static String winAnsi(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        folded.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}

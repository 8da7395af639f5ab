package org.satupintu.document.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTests {

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.sanitise("../../etc/passwd", "application/pdf")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("C:\\Users\\ani\\KTP.pdf", "application/pdf")).isEqualTo("KTP.pdf");
    }

    @Test
    void dropsControlAndReservedCharacters() {
        assertThat(FileNames.sanitise("KTP\u0000\u0007\r\n\"<x>\".pdf", "application/pdf")).isEqualTo("KTPx.pdf");
        assertThat(FileNames.sanitise("a\u202Efdp.exe", "application/pdf")).isEqualTo("afdp.exe");
    }

    @Test
    void shortensOverlongNamesKeepingTheExtension() {
        String name = FileNames.sanitise("x".repeat(500) + ".pdf", "application/pdf");
        assertThat(name).hasSize(FileNames.MAX_LENGTH).endsWith(".pdf");
    }

    @Test
    void namesNothingAfterItsType() {
        assertThat(FileNames.sanitise(null, "image/png")).isEqualTo("document.png");
        assertThat(FileNames.sanitise(" ... ", "application/pdf")).isEqualTo("document.pdf");
    }

    @Test
    void aDownloadIsOfferedWithTheExtensionOfTheDetectedType() {
        assertThat(FileNames.forDownload("ktp.exe", "application/pdf")).isEqualTo("ktp.pdf");
        assertThat(FileNames.forDownload("scan", "image/jpeg")).isEqualTo("scan.jpg");
        assertThat(FileNames.forDownload("photo.JPEG", "image/jpeg")).isEqualTo("photo.JPEG");
        assertThat(FileNames.forDownload("Izin.pdf", "application/pdf")).isEqualTo("Izin.pdf");
        assertThat(FileNames.forDownload("denah.pdf.html", "image/png")).isEqualTo("denah.pdf.png");
        assertThat(FileNames.forDownload("data.bin", "application/octet-stream")).isEqualTo("data.bin");
    }

    @Test
    void keepsIndonesianAndOtherLetters() {
        assertThat(FileNames.sanitise("Surat Keterangan Domisili – Bapak Hénri.pdf", "application/pdf"))
                .isEqualTo("Surat Keterangan Domisili – Bapak Hénri.pdf");
    }
}

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
    void keepsIndonesianAndOtherLetters() {
        assertThat(FileNames.sanitise("Surat Keterangan Domisili – Bapak Hénri.pdf", "application/pdf"))
                .isEqualTo("Surat Keterangan Domisili – Bapak Hénri.pdf");
    }
}

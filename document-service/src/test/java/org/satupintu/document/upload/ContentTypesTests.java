package org.satupintu.document.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ContentTypesTests {

    static String detect(byte[] bytes) throws Exception {
        return ContentTypes.detect(new BufferedInputStream(new ByteArrayInputStream(bytes)));
    }

    @Test
    void recognisesTheAcceptedTypesByTheirMagicBytes() throws Exception {
        assertThat(detect("%PDF-1.7\n...".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("application/pdf");
        assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I',
                'F', 0})).isEqualTo("image/jpeg");
        assertThat(detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H',
                'D', 'R'})).isEqualTo("image/png");
    }

    @Test
    void anExecutableIsNotAPdfWhateverItIsCalled() throws Exception {
        assertThat(detect("MZ\u0090\u0000\u0003".getBytes(StandardCharsets.ISO_8859_1)))
                .isNotEqualTo("application/pdf").startsWith("application/");
    }
}

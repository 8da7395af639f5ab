package org.satupintu.document.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermitVerificationTests {

    @Test
    void masksEveryWordButItsFirstLetter() {
        assertThat(PermitVerification.mask("Ani Suryani")).isEqualTo("A** S******");
        assertThat(PermitVerification.mask("  Eko  ")).isEqualTo("E**");
        assertThat(PermitVerification.mask("")).isEqualTo("-");
    }
}

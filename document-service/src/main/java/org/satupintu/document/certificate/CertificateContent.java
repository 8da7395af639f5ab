package org.satupintu.document.certificate;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What a certificate states. */
record CertificateContent(String permitNumber, String permitTypeCode, String holderName, String officeCode,
        @Nullable String registrationNumber, Instant issuedAt, String verificationUrl) {
}

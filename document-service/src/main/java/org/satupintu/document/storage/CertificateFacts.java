package org.satupintu.document.storage;

import java.time.Instant;

/** What a certificate states, kept with it for the public verification. */
public record CertificateFacts(String permitNumber, String holderName, Instant issuedAt, CertificateSignature signature) {
}

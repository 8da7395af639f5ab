package org.satupintu.document.storage;

/** A detached signature over a certificate's bytes (the signature covers their SHA-256), with the key that made it. */
public record CertificateSignature(String algorithm, String keyId, String value) {
}

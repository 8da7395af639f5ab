package org.satupintu.document.verification.web;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.problem.ApiException;
import org.satupintu.document.signing.SigningKeys;
import org.satupintu.document.verification.PermitVerification;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What the QR code on a certificate opens, and the office's public keys for verifying signatures offline. */
@RestController
class PublicPermitController {

    private final PermitVerification verification;
    private final SigningKeys keys;

    PublicPermitController(PermitVerification verification, SigningKeys keys) {
        this.verification = verification;
        this.keys = keys;
    }

    /** {@code valid}: the detached signature ({@code value}) over the PDF; {@code embeddedValid}: its PAdES one. */
    record SignatureView(String algorithm, String keyId, boolean valid, String value, String embedded,
            boolean embeddedValid) {
    }

    /** {@code revokedAt} with REVOKED, {@code supersededBy} (the renewal's permit number) with SUPERSEDED. */
    record PublicPermitView(String permitNumber, String permitType, String holder, String officeCode,
            Instant issuedAt, @Nullable Instant validUntil, PermitVerification.Status status,
            @Nullable Instant revokedAt, @Nullable String supersededBy, String certificateSha256,
            SignatureView signature) {
    }

    record PublicKeyView(String keyId, String algorithm, String publicKeyPem) {
    }

    @GetMapping("/api/public/permits/{permitNumber}")
    ResponseEntity<PublicPermitView> permit(@PathVariable String permitNumber) throws IOException {
        PermitVerification.Result result = verification.verify(permitNumber)
                .orElseThrow(() -> ApiException.notFound("Permit " + permitNumber));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new PublicPermitView(
                result.permitNumber(), result.permitType(), result.holder(), result.officeCode(), result.issuedAt(),
                result.validUntil(), result.status(), result.revokedAt(), result.supersededBy(),
                result.certificateSha256(), new SignatureView(result.signatureAlgorithm(),
                        result.keyId(), result.signatureValid(), result.signature(), "PAdES-B-B",
                        result.embeddedSignatureValid())));
    }

    @GetMapping("/api/public/signing-keys/{keyId}")
    PublicKeyView signingKey(@PathVariable String keyId) {
        return keys.publicKey(keyId).map(key -> new PublicKeyView(keyId, SigningKeys.ALGORITHM,
                "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                        key.getEncoded()) + "\n-----END PUBLIC KEY-----\n"))
                .orElseThrow(() -> ApiException.notFound("Signing key " + keyId));
    }
}

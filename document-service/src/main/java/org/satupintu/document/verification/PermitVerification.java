package org.satupintu.document.verification;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.satupintu.document.projection.ApplicationProjections;
import org.satupintu.document.projection.PermitStanding;
import org.satupintu.document.signing.SigningKeys;
import org.satupintu.events.ApplicationStates;
import org.satupintu.document.storage.CertificateFacts;
import org.satupintu.document.storage.DocumentKind;
import org.satupintu.document.storage.DocumentRepository;
import org.satupintu.document.storage.FileStore;
import org.satupintu.document.storage.StoredDocument;
import org.springframework.stereotype.Service;

/**
 * Checks a permit by its number: the stored certificate's bytes still hash to what was recorded and the office
 * signature over them verifies. Reveals only what is printed on the certificate, with the holder's name masked.
 */
@Service
public class PermitVerification {

    private final DocumentRepository documents;
    private final FileStore files;
    private final SigningKeys keys;
    private final ApplicationProjections projections;
    private final Clock clock;

    PermitVerification(DocumentRepository documents, FileStore files, SigningKeys keys,
            ApplicationProjections projections, Clock clock) {
        this.documents = documents;
        this.files = files;
        this.keys = keys;
        this.projections = projections;
        this.clock = clock;
    }

    /** Revoked outranks superseded, which outranks expired: what the holder may no longer rely on, first. */
    public enum Status {
        VALID, EXPIRED, REVOKED, SUPERSEDED
    }

    public record Result(String permitNumber, String permitType, String holder, String officeCode, Instant issuedAt,
            Status status, String certificateSha256, String signatureAlgorithm, String keyId, String signature,
            boolean signatureValid, boolean embeddedSignatureValid, @Nullable Instant validUntil,
            @Nullable Instant revokedAt, @Nullable String supersededBy) {
    }

    public Optional<Result> verify(String permitNumber) throws IOException {
        Optional<StoredDocument> found = documents.ofPermit(permitNumber, DocumentKind.CERTIFICATE);
        if (found.isEmpty() || found.get().certificate() == null) {
            return Optional.empty();
        }
        StoredDocument doc = found.get();
        CertificateFacts cert = java.util.Objects.requireNonNull(doc.certificate());
        byte[] pdf = files.readAll(doc.fileId());
        boolean intact = sha256(pdf).equals(doc.sha256());
        boolean valid = intact && keys.verify(pdf, cert.signature());
        boolean embedded = intact && keys.verifyEmbedded(pdf, cert.signature().keyId());
        PermitStanding standing = projections.standing(doc.applicationId())
                .orElse(new PermitStanding(null, null, null, null));
        return Optional.of(new Result(cert.permitNumber(), doc.permitTypeCode(), mask(cert.holderName()),
                doc.officeCode(), cert.issuedAt(), status(doc, standing, clock.instant()), doc.sha256(),
                cert.signature().algorithm(), cert.signature().keyId(), cert.signature().value(), valid, embedded,
                standing.validUntil(), standing.revokedAt(), standing.supersededBy()));
    }

    static Status status(StoredDocument certificate, PermitStanding standing, Instant now) {
        if (certificate.isRemoved() || standing.revokedAt() != null
                || ApplicationStates.REVOKED.equals(standing.state())) {
            return Status.REVOKED;
        }
        if (standing.supersededBy() != null) {
            return Status.SUPERSEDED;
        }
        if (standing.validUntil() != null && !now.isBefore(standing.validUntil())) {
            return Status.EXPIRED;
        }
        return Status.VALID;
    }

    /** "Ani Suryani" becomes "A** S******": enough to recognise, too little to harvest. */
    static String mask(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            int first = word.codePointAt(0);
            out.appendCodePoint(first).append("*".repeat(Math.max(0, word.codePointCount(0, word.length()) - 1)));
        }
        return out.isEmpty() ? "-" : out.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

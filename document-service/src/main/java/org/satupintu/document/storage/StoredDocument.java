package org.satupintu.document.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.DocumentEventData;
import org.satupintu.events.CertificateGenerated;
import org.satupintu.events.DocumentEvent;
import org.satupintu.events.DocumentRemoved;
import org.satupintu.events.DocumentUploaded;
import org.satupintu.events.EventCodec;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A stored document of an application; its bytes are the GridFS file {@link #fileId()}. Every change records
 * the event it causes in {@link #outbox()}, saved in the same single-document write (no distributed transaction needed). A
 * removal keeps the record (with its pending event) but drops the bytes.
 */
@Document("documents")
public class StoredDocument {

    /** The requirement code under which an application's certificate is filed. */
    public static final String CERTIFICATE_REQUIREMENT = "PERMIT_CERTIFICATE";

    @Id
    private String id;
    private String applicationId;
    private String requirementCode;
    private DocumentKind kind;
    private String filename;
    private String contentType;
    private long size;
    private String sha256;
    private String fileId;
    private Instant uploadedAt;
    private String uploadedBy;
    private String uploaderId;
    private String officeCode;
    private String applicantId;
    private String permitTypeCode;
    private @Nullable String registrationNumber;
    private @Nullable String permitNumber;
    private @Nullable CertificateFacts certificate;
    private @Nullable Instant removedAt;
    private @Nullable String removedBy;
    private List<OutboxEvent> outbox;
    @Version
    private @Nullable Long version;

    @PersistenceCreator
    @SuppressWarnings("NullAway.Init") // the mapping sets every field from the stored document
    StoredDocument() {
        // for MongoDB mapping
    }

    /** A new upload; records {@code document.uploaded}. */
    public static StoredDocument uploaded(String id, ApplicationFacts app, String requirementCode, StoredFile file,
            String filename, String contentType, String uploadedBy, String uploaderId, Instant now) {
        StoredDocument doc = create(id, app, requirementCode, DocumentKind.UPLOAD, file, filename, contentType,
                uploadedBy, uploaderId, now);
        doc.record(DocumentUploaded::new, app.state(), now);
        return doc;
    }

    /** The permit certificate of an issued application; records {@code document.certificate-generated}. */
    public static StoredDocument certificate(String id, ApplicationFacts app, StoredFile file, String filename,
            CertificateFacts certificate, Instant now) {
        StoredDocument doc = create(id, app, CERTIFICATE_REQUIREMENT, DocumentKind.CERTIFICATE, file, filename,
                "application/pdf", "system", "system", now);
        doc.permitNumber = certificate.permitNumber();
        doc.certificate = certificate;
        doc.record(CertificateGenerated::new, app.state(), now);
        return doc;
    }

    /**
     * A letter the office sends about the levy (the SKRD or the payment receipt), filed under its kind's name. No
     * document event: the application events that caused it already told everyone.
     */
    public static StoredDocument levyLetter(String id, ApplicationFacts app, DocumentKind kind, StoredFile file,
            String filename, Instant now) {
        return create(id, app, kind.name(), kind, file, filename, "application/pdf", "system", "system", now);
    }

    private static StoredDocument create(String id, ApplicationFacts app, String requirementCode, DocumentKind kind,
            StoredFile file, String filename, String contentType, String uploadedBy, String uploaderId,
            Instant now) {
        StoredDocument doc = new StoredDocument();
        doc.id = id;
        doc.applicationId = app.applicationId();
        doc.requirementCode = requirementCode;
        doc.kind = kind;
        doc.filename = filename;
        doc.contentType = contentType;
        doc.size = file.size();
        doc.sha256 = file.sha256();
        doc.fileId = file.fileId();
        doc.uploadedAt = now;
        doc.uploadedBy = uploadedBy;
        doc.uploaderId = uploaderId;
        doc.officeCode = app.officeCode();
        doc.applicantId = app.applicantId();
        doc.permitTypeCode = app.permitTypeCode();
        doc.registrationNumber = app.registrationNumber();
        doc.outbox = new ArrayList<>();
        return doc;
    }

    /** Marks the upload removed (its bytes are dropped by the caller) and records {@code document.removed}. */
    public void remove(String by, String applicationState, Instant now) {
        if (removedAt != null) {
            return;
        }
        removedAt = now;
        removedBy = by;
        record(DocumentRemoved::new, applicationState, now);
    }

    private void record(java.util.function.Function<DocumentEventData, DocumentEvent> event, String applicationState,
            Instant now) {
        DocumentEventData data = new DocumentEventData(applicationId, registrationNumber, officeCode, permitTypeCode,
                applicationState, id, requirementCode, kind.name(), sha256, permitNumber);
        DocumentEvent recorded = event.apply(data);
        outbox.add(new OutboxEvent(UUID.randomUUID().toString(), EventCodec.typeOf(recorded), now, data, null));
    }

    public boolean isRemoved() {
        return removedAt != null;
    }

    public String id() {
        return id;
    }

    public String applicationId() {
        return applicationId;
    }

    public String requirementCode() {
        return requirementCode;
    }

    public DocumentKind kind() {
        return kind;
    }

    public String filename() {
        return filename;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public String fileId() {
        return fileId;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public String uploadedBy() {
        return uploadedBy;
    }

    public String uploaderId() {
        return uploaderId;
    }

    public String officeCode() {
        return officeCode;
    }

    public String applicantId() {
        return applicantId;
    }

    public String permitTypeCode() {
        return permitTypeCode;
    }

    public @Nullable String registrationNumber() {
        return registrationNumber;
    }

    public @Nullable String permitNumber() {
        return permitNumber;
    }

    public @Nullable CertificateFacts certificate() {
        return certificate;
    }

    public @Nullable Instant removedAt() {
        return removedAt;
    }

    public List<OutboxEvent> outbox() {
        return List.copyOf(outbox);
    }

    public @Nullable Long version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredDocument doc && Objects.equals(id, doc.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}

package org.satupintu.document.upload.web;

import java.time.Instant;

import org.satupintu.document.storage.DocumentKind;
import org.satupintu.document.storage.StoredDocument;

/** A document as API.md shows it (never the persistence record). */
record DocumentView(String id, String applicationId, String requirementCode, DocumentKind kind, String filename,
        String contentType, long size, String sha256, Instant uploadedAt, String uploadedBy) {

    static DocumentView of(StoredDocument doc) {
        return new DocumentView(doc.id(), doc.applicationId(), doc.requirementCode(), doc.kind(), doc.filename(),
                doc.contentType(), doc.size(), doc.sha256(), doc.uploadedAt(), doc.uploadedBy());
    }
}

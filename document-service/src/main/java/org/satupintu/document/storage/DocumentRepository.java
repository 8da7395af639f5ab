package org.satupintu.document.storage;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Stored document records (never returned to clients as they are). */
public interface DocumentRepository extends MongoRepository<StoredDocument, String> {

    List<StoredDocument> findByApplicationIdAndRemovedAtIsNullOrderByUploadedAtAsc(String applicationId);

    Optional<StoredDocument> findFirstByPermitNumberAndKind(String permitNumber, DocumentKind kind);
}

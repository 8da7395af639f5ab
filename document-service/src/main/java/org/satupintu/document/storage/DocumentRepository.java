package org.satupintu.document.storage;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Stored document records (never returned to clients as they are). */
public interface DocumentRepository extends MongoRepository<StoredDocument, String>, DocumentQueries {
}

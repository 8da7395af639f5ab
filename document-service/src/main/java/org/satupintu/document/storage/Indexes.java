package org.satupintu.document.storage;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** The indexes the queries need, created at start-up (creating an existing index is a no-op). */
@Component
class Indexes {

    private final MongoTemplate mongo;

    Indexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        var documents = mongo.indexOps(StoredDocument.class);
        documents.createIndex(new Index("applicationId", Sort.Direction.ASC));
        documents.createIndex(new Index("permitNumber", Sort.Direction.ASC).sparse());
        mongo.indexOps("signing_keys").createIndex(new Index("keyId", Sort.Direction.ASC));
    }
}

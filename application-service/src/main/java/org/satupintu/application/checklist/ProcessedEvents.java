package org.satupintu.application.checklist;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The ids of document events already applied, so a redelivered event (at-least-once) changes nothing: an old
 * upload replayed after its removal must not fill the checklist again. One small document per event id, keyed by
 * the id (unique in every store); kept outside the aggregate.
 */
@Component
class ProcessedEvents {

    static final String COLLECTION = "processed_document_events";

    record Processed(String id, Instant at) {
    }

    private final MongoTemplate mongo;

    ProcessedEvents(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    boolean seen(String eventId) {
        return mongo.findById(eventId, Processed.class, COLLECTION) != null;
    }

    void remember(String eventId, Instant at) {
        try {
            mongo.insert(new Processed(eventId, at), COLLECTION);
        }
        catch (DuplicateKeyException e) {
            // Another replica applied it too; both applied the same fact.
        }
    }
}

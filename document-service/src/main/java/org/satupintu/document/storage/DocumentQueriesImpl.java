package org.satupintu.document.storage;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The repository fragment behind {@link DocumentQueries}: lookups by {@code _id}. Documents stored before the
 * lookups existed are indexed once, by one pass over the documents the first time a lookup is needed; a meta
 * document records that the pass is done, so a miss (an unknown permit number on the public page) never scans.
 */
class DocumentQueriesImpl implements DocumentQueries {

    static final String META = "documents_lookups_meta";

    private final MongoTemplate mongo;
    private final DocumentLookups lookups;
    private volatile boolean complete;

    DocumentQueriesImpl(MongoTemplate mongo, DocumentLookups lookups) {
        this.mongo = mongo;
        this.lookups = lookups;
    }

    @Override
    public List<StoredDocument> ofApplication(String applicationId) {
        ensureComplete();
        Document lookup = mongo.getCollection(DocumentLookups.BY_APPLICATION)
                .find(Filters.eq("_id", applicationId)).first();
        List<String> ids = lookup == null ? List.of() : lookup.getList("ids", String.class, List.of());
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), StoredDocument.class).stream()
                .filter(d -> !d.isRemoved()).sorted(Comparator.comparing(StoredDocument::uploadedAt)).toList();
    }

    @Override
    public Optional<StoredDocument> ofPermit(String permitNumber, DocumentKind kind) {
        ensureComplete();
        Document lookup = mongo.getCollection(DocumentLookups.BY_PERMIT)
                .find(Filters.eq("_id", DocumentLookups.permitKey(kind, permitNumber))).first();
        String id = lookup == null ? null : lookup.getString("id");
        StoredDocument found = id == null ? null : mongo.findById(id, StoredDocument.class);
        // A lookup may point at a save that never happened (written first, then a crash): nothing is found then.
        return found != null && kind == found.kind() && permitNumber.equals(found.permitNumber())
                ? Optional.of(found) : Optional.empty();
    }

    /** Indexes the documents stored before the lookups existed, once per store. */
    private void ensureComplete() {
        if (complete) {
            return;
        }
        if (mongo.getCollection(META).countDocuments(Filters.eq("_id", "lookups-v1")) == 0) {
            for (StoredDocument doc : mongo.findAll(StoredDocument.class)) {
                lookups.remember(doc);
            }
            mongo.getCollection(META).updateOne(Filters.eq("_id", "lookups-v1"),
                    Updates.set("completedAt", new java.util.Date()), new UpdateOptions().upsert(true));
        }
        complete = true;
    }
}

package org.satupintu.document.storage;


import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveCallback;
import org.springframework.stereotype.Component;

/**
 * The two ways documents are found other than by id — an application's documents, and a permit's certificate on
 * the public verification page — kept as small lookup documents read by {@code _id}, so neither scans every
 * document ever uploaded (the embedded store uses an index only when a query's keys are exactly the index's keys):
 * {@value #BY_APPLICATION} ({@code _id} = application id, {@code ids} of its documents) and {@value #BY_PERMIT}
 * ({@code _id} = {@code <kind>|<permitNumber>}, {@code id} of the document).
 *
 * <p>The lookup is written <em>before</em> the document (a save callback), so a crash between the two leaves at
 * most an id that points at nothing, which reads skip; never a document its lookup does not know. Documents stored
 * before the lookups existed are indexed by one pass the first time a lookup is read ({@link DocumentQueriesImpl}).
 */
@Component
public class DocumentLookups implements BeforeSaveCallback<StoredDocument> {

    static final String BY_APPLICATION = "documents_by_application";
    static final String BY_PERMIT = "documents_by_permit";

    private final ObjectProvider<MongoTemplate> mongo;

    DocumentLookups(ObjectProvider<MongoTemplate> mongo) {
        this.mongo = mongo;
    }

    @Override
    public StoredDocument onBeforeSave(StoredDocument doc, Document document, String collection) {
        remember(doc);
        return doc;
    }

    void remember(StoredDocument doc) {
        MongoTemplate store = mongo.getObject();
        store.getCollection(BY_APPLICATION).updateOne(Filters.eq("_id", doc.applicationId()),
                Updates.addToSet("ids", doc.id()), new UpdateOptions().upsert(true));
        String permitNumber = doc.permitNumber();
        if (permitNumber != null) {
            store.getCollection(BY_PERMIT).updateOne(Filters.eq("_id", permitKey(doc.kind(), permitNumber)),
                    Updates.set("id", doc.id()), new UpdateOptions().upsert(true));
        }
    }

    static String permitKey(DocumentKind kind, String permitNumber) {
        return kind.name() + "|" + permitNumber;
    }
}

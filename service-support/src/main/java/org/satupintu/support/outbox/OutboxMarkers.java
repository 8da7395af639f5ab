package org.satupintu.support.outbox;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;

/**
 * The markers of aggregates with waiting events: one small document per such aggregate ({@code _id} = the
 * aggregate's id) in {@code <collection>_outbox}, written after every save of an aggregate whose outbox is not
 * empty, so the {@link OutboxRelay} finds the waiting events without scanning the aggregates. The store is looked up
 * lazily: this callback is created while the store's converter is being set up.
 */
public class OutboxMarkers implements AfterSaveCallback<Object> {

    static final String SUFFIX = "_outbox";

    private final OutboxSource<Object> source;
    private final ObjectProvider<MongoTemplate> mongo;
    private final Clock clock;

    @SuppressWarnings("unchecked")
    public OutboxMarkers(OutboxSource<?> source, ObjectProvider<MongoTemplate> mongo, Clock clock) {
        this.source = (OutboxSource<Object>) source;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Object onAfterSave(Object entity, Document document, String collection) {
        if (source.aggregateType().isInstance(entity) && !source.pending(entity).isEmpty()) {
            mark(document.get("_id"));
        }
        return entity;
    }

    /** The marker collection's name. */
    String collection() {
        return aggregates() + SUFFIX;
    }

    private String aggregates() {
        return mongo.getObject().getCollectionName(source.aggregateType());
    }

    MongoCollection<Document> markers() {
        return mongo.getObject().getCollection(collection());
    }

    void mark(@Nullable Object id) {
        if (id == null) {
            return;
        }
        try {
            markers().updateOne(Filters.eq("_id", id), Updates.setOnInsert("since", Date.from(clock.instant())),
                    new UpdateOptions().upsert(true));
        }
        catch (DuplicateKeyException | MongoWriteException e) {
            // Two upserts of the same marker raced: it exists, which is all that matters.
        }
    }

    boolean isMarked(Object id) {
        return markers().countDocuments(Filters.eq("_id", id)) > 0;
    }

    /** Whether the aggregate still has waiting events (an {@code _id} lookup). */
    boolean hasPending(Object id) {
        Document stored = mongo.getObject().getCollection(aggregates()).find(Filters.eq("_id", id))
                .projection(Projections.include(OutboxRelay.OUTBOX)).first();
        return stored != null && stored.get(OutboxRelay.OUTBOX) instanceof List<?> waiting && !waiting.isEmpty();
    }

    /**
     * After the relay's round on an aggregate: releases the lease if events still wait, else removes the marker and
     * then looks again, so an event saved in between keeps a marker (its save marks after writing the aggregate).
     */
    void settle(Object id, String leaseField) {
        if (hasPending(id)) {
            markers().updateOne(Filters.eq("_id", id), Updates.unset(leaseField));
            return;
        }
        markers().deleteOne(Filters.eq("_id", id));
        if (hasPending(id)) {
            mark(id);
        }
    }
}

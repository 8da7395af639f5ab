package org.satupintu.support.health;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

/**
 * A unique index on {@code (_id, <version>)} for every collection of a versioned aggregate. Spring Data saves such an
 * aggregate with a filter of exactly these two keys ({@code _id} and the expected version: optimistic locking). The
 * embedded store (mongo-java-server) uses an index only when a query's keys are exactly the index's keys, so without
 * this index every save of an existing aggregate scanned the whole collection, and its cost grew with everything
 * ever stored. Real MongoDB serves that filter from {@code _id} anyway; there the index only costs a little space.
 */
public class VersionedSaveIndexes implements SmartInitializingSingleton {

    public static final String NAME = "_id_version";
    private static final Logger log = LoggerFactory.getLogger(VersionedSaveIndexes.class);

    private final MongoTemplate mongo;

    public VersionedSaveIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String created : ensure()) {
            log.debug("Index {} ensured on {}", NAME, created);
        }
    }

    /** @return the collections that have the index now */
    public List<String> ensure() {
        List<String> collections = new ArrayList<>();
        for (MongoPersistentEntity<?> entity : mongo.getConverter().getMappingContext().getPersistentEntities()) {
            MongoPersistentProperty version = entity.getVersionProperty();
            if (version == null || !entity.isAnnotationPresent(org.springframework.data.mongodb.core.mapping.Document.class)) {
                continue;
            }
            String collection = entity.getCollection();
            mongo.indexOps(collection).createIndex(new Index().on("_id", Direction.ASC)
                    .on(version.getFieldName(), Direction.ASC).unique().named(NAME));
            collections.add(collection);
        }
        return collections;
    }
}

package org.satupintu.application.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same numbering guarantee on a real MongoDB replica set, where a Docker engine exists (skipped cleanly
 * otherwise; the MongoDB-wire server covers it there).
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoDbIntegrationTests {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Test
    void numbersStayUniqueUnderConcurrencyOnARealReplicaSet() throws Exception {
        try (MongoClient client = MongoClients.create(MONGO.getReplicaSetUrl())) {
            NumberIssuer issuer = new NumberIssuer(new MongoTemplate(client, "satupintu-test"));
            Set<String> issued = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 300; i++) {
                pool.execute(() -> issued.add(issuer.next("REG", "SULUT-MANADO", 2026)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(issued).hasSize(300).contains("REG-SULUT-MANADO-2026-000300");
        }
    }

    /** The index plan the hot queries need exists on a real MongoDB (the embedded store ignores it). */
    @Test
    void theApplicationIndexPlanIsCreatedOnARealMongoDb() {
        try (MongoClient client = MongoClients.create(MONGO.getReplicaSetUrl())) {
            MongoTemplate mongo = new MongoTemplate(client, "satupintu-indexes");
            org.springframework.data.mongodb.core.index.IndexOperations indexes = mongo.indexOps(
                    org.satupintu.application.workflow.PermitApplication.class);
            org.satupintu.application.workflow.ApplicationIndexes.PLAN.forEach(indexes::createIndex);
            assertThat(indexes.getIndexInfo()).extracting(org.springframework.data.mongodb.core.index.IndexInfo::getName)
                    .contains("office_queue", "office_newest", "applicant_newest", "sla_watch", "outbox_claim",
                            "registration_number");
        }
    }

    /**
     * The read model's queries are {@code _id} lookups on a real MongoDB too: the directory and bucket reads
     * ({@code _id $in}) and the single-document reads ({@code _id} equality) are index plans, never a collection
     * scan.
     */
    @Test
    void theReadModelQueriesUseTheIdIndexOnARealMongoDb() {
        try (MongoClient client = MongoClients.create(MONGO.getReplicaSetUrl())) {
            MongoTemplate mongo = new MongoTemplate(client, "satupintu-read-model");
            org.satupintu.support.readmodel.BucketStore store = new org.satupintu.support.readmodel.BucketStore(mongo,
                    "application_views", entries -> new org.bson.Document("n", entries.size()));
            for (int i = 0; i < 50; i++) {
                store.put("o:SULUT-MANADO", "2026-" + (10 + i % 3), "app-" + i, new org.bson.Document("s", "SUBMITTED"));
            }
            var refs = store.directories(java.util.List.of("o:SULUT-MANADO", "a:ani")).get("o:SULUT-MANADO");
            assertThat(store.read(refs, false)).hasSize(3);
            java.util.List<String> bucketIds = refs.stream()
                    .map(r -> "b|" + r.scope() + "|" + r.key() + "|" + r.version()).toList();
            for (org.bson.Document filter : java.util.List.of(
                    new org.bson.Document("_id", new org.bson.Document("$in", bucketIds)),
                    new org.bson.Document("_id", new org.bson.Document("$in", java.util.List.of("d|o:SULUT-MANADO",
                            "d|a:ani"))),
                    new org.bson.Document("_id", "d|o:SULUT-MANADO"))) {
                org.bson.Document explained = mongo.getDb().runCommand(new org.bson.Document("explain",
                        new org.bson.Document("find", "application_views").append("filter", filter)));
                String plan = explained.get("queryPlanner", org.bson.Document.class).get("winningPlan",
                        org.bson.Document.class).toJson();
                assertThat(plan).as(filter.toJson()).doesNotContain("COLLSCAN")
                        .containsAnyOf("IXSCAN", "IDHACK", "EXPRESS");
            }
        }
    }
}

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
}

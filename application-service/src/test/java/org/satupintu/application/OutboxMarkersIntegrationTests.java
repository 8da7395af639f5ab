package org.satupintu.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.support.health.VersionedSaveIndexes;
import org.satupintu.support.outbox.OutboxRelay;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The outbox relay finds waiting events through markers, never by scanning the applications: a save with an event
 * leaves a marker, publishing removes it, and an event whose marker was lost (a crash between the two writes, data
 * from before the markers) is found by the sweep. Versioned saves have the index that serves their filter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxMarkersIntegrationTests {

    static final String MARKERS = "applications_outbox";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("satupintu.outbox.poll-interval", () -> "200ms");
        registry.add("satupintu.outbox.sweep-interval", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    String createSip(String token) {
        ApiClient.Response created = new ApiClient("http://127.0.0.1:" + port).post("/api/applications", token, """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO","form":{"profession":"Bidan",
                 "strNumber":"STR-OUTBOX","practiceAddress":"Manado","facilityName":"Puskesmas Tuminting"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    boolean marked(String id) {
        return mongo.getCollection(MARKERS).countDocuments(Filters.eq("_id", id)) > 0;
    }

    boolean outboxEmpty(String id) {
        Document stored = mongo.getCollection("applications").find(Filters.eq("_id", id)).first();
        return stored != null && stored.getList("outbox", Object.class, List.of()).isEmpty();
    }

    List<JsonNode> createdEvents(String id) {
        return EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(), Topics.APPLICATION_EVENTS,
                e -> id.equals(e.path("subject").asString())
                        && EventTypes.APPLICATION_CREATED.equals(e.path("type").asString()),
                1, Duration.ofSeconds(30));
    }

    @Test
    void aSavedEventIsMarkedPublishedOnceAndItsMarkerRemoved() {
        relay.stop();
        String id;
        try {
            id = createSip(Tokens.password("ani"));
            assertThat(marked(id)).as("marker written with the save").isTrue();
        }
        finally {
            relay.start();
        }
        assertThat(createdEvents(id)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !marked(id) && outboxEmpty(id));
    }

    @Test
    void anEventWhoseMarkerWasLostIsFoundByTheSweep() {
        relay.stop();
        String id;
        try {
            id = createSip(Tokens.password("eko"));
            // As if the service had crashed between the aggregate's save and its marker.
            mongo.getCollection(MARKERS).deleteOne(Filters.eq("_id", id));
            assertThat(outboxEmpty(id)).isFalse();
        }
        finally {
            relay.start();
        }
        assertThat(createdEvents(id)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !marked(id) && outboxEmpty(id));
    }

    @Autowired
    org.satupintu.support.outbox.OutboxSource<?> source;

    @Autowired
    org.springframework.kafka.core.KafkaTemplate<String, String> kafka;

    @Autowired
    org.satupintu.support.outbox.OutboxMarkers markers;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    /**
     * A second replica's relay (its own store client; the shared Kafka producer does not coordinate anything) runs
     * beside this service's own while applications are filed: each event is published exactly once, and both
     * relays published some.
     */
    @Test
    void twoRelaysOnOneStorePublishEveryEventExactlyOnce() throws Exception {
        String database = mongo.getDb().getName();
        try (com.mongodb.client.MongoClient otherClient = com.mongodb.client.MongoClients
                .create(TestInfrastructure.mongoUri())) {
            MongoTemplate otherStore = new MongoTemplate(otherClient, database);
            OutboxRelay other = new OutboxRelay(source, otherStore, kafka, markers, json, java.time.Clock.systemUTC(),
                    Duration.ofMillis(200), Duration.ofSeconds(30), 50, Duration.ofHours(1));
            java.util.concurrent.atomic.AtomicInteger byOther = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean filing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread otherReplica = Thread.ofPlatform().start(() -> {
                while (filing.get()) {
                    byOther.addAndGet(other.publishPending());
                }
            });
            List<String> ids = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                String token = Tokens.password("ani");
                for (int i = 0; i < 40; i++) {
                    pool.submit(() -> ids.add(createSip(token)));
                }
            }
            assertThat(ids).hasSize(40);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(this::outboxEmpty));
            filing.set(false);
            otherReplica.join(10_000);

            java.util.Set<String> filed = java.util.Set.copyOf(ids);
            List<JsonNode> created = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                    Topics.APPLICATION_EVENTS, e -> filed.contains(e.path("subject").asString())
                            && EventTypes.APPLICATION_CREATED.equals(e.path("type").asString()),
                    40, Duration.ofSeconds(30));
            assertThat(created).extracting(e -> e.path("subject").asString())
                    .as("one created event per application, none twice").containsExactlyInAnyOrderElementsOf(ids);
            assertThat(created).extracting(e -> e.path("id").asString()).doesNotHaveDuplicates();
            assertThat(byOther.get()).as("published by the second replica").isPositive();
            assertThat(byOther.get()).as("published by this service's own relay").isLessThan(40);
        }
    }

    @Test
    void aLeaseShorterThanTwoSendTimeoutsIsRefusedAtStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OutboxRelay(source, mongo, kafka, markers, json,
                java.time.Clock.systemUTC(), Duration.ofMillis(200), Duration.ofSeconds(10), 50, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("satupintu.outbox.lease");
    }

    @Test
    void versionedSavesHaveAUniqueIndexOnIdAndVersion() {
        List<IndexInfo> indexes = mongo.indexOps("applications").getIndexInfo();
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getName()).isEqualTo(VersionedSaveIndexes.NAME);
            assertThat(index.isUnique()).isTrue();
            assertThat(index.getIndexFields()).extracting(f -> f.getKey()).containsExactly("_id", "version");
        });
    }
}

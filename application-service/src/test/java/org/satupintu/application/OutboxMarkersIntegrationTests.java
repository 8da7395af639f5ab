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

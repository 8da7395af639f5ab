package org.satupintu.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.satupintu.application.numbering.NumberIssuer;
import org.satupintu.application.workflow.SlaWatch;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application service end to end on real infrastructure: real Keycloak tokens, a real Kafka broker and the
 * MongoDB-wire store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationWorkflowIntegrationTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("satupintu.outbox.poll-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    NumberIssuer numbers;

    @Autowired
    SlaWatch slaWatch;

    @Autowired
    org.satupintu.support.deadline.Deadlines deadlines;

    @Autowired
    MongoTemplate mongo;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    String createPbg(String token) {
        ApiClient.Response created = api().post("/api/applications", token, """
                {"permitTypeCode":"PBG","officeCode":"SULUT-MANADO",
                 "form":{"buildingFunction":"hunian","siteAddress":"Jl. Sam Ratulangi 12, Manado",
                         "landAreaM2":200,"buildingAreaM2":120,"floors":2,"landTitleNumber":"SHM 123"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    void uploadAllMandatory(String applicationId, String token) {
        JsonNode app = api().get("/api/applications/" + applicationId, token).json();
        for (JsonNode item : app.path("checklist")) {
            if (item.path("mandatory").asBoolean()) {
                publishDocumentEvent(EventTypes.DOCUMENT_UPLOADED, applicationId,
                        item.path("requirementCode").asString(), "doc-" + UUID.randomUUID());
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode now = api().get("/api/applications/" + applicationId, token).json();
            for (JsonNode item : now.path("checklist")) {
                if (item.path("mandatory").asBoolean() && item.path("documentId").isNull()) {
                    return false;
                }
            }
            return true;
        });
    }

    void publishDocumentEvent(String type, String applicationId, String requirementCode, String documentId) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/satupintu/document-service","type":"%s",
                 "subject":"%s","time":"2026-11-27T10:00:00Z","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","officeCode":"SULUT-MANADO","permitTypeCode":"PBG","state":"DRAFT",
                         "documentId":"%s","requirementCode":"%s","kind":"UPLOAD","futureField":42}}"""
                .formatted(UUID.randomUUID(), type, applicationId, applicationId, documentId, requirementCode);
        // As document-service would (the admin plays it: this service may not write that topic).
        TestInfrastructure.publish(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, applicationId, event));
    }

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    /**
     * A listener that met an authentication failure (the broker did not hold the service's credential yet) retries
     * instead of stopping for good: in a system-test run application-service's consumer stopped at start and no
     * checklist was ever updated.
     */
    @Test
    void listenersRetryAuthenticationFailuresInsteadOfStopping() {
        assertThat(listeners.getListenerContainers()).isNotEmpty().allSatisfy(container -> assertThat(container
                .getContainerProperties().getAuthExceptionRetryInterval()).isEqualTo(java.time.Duration.ofSeconds(2)));
    }

    @Test
    void submitWithoutDocumentsIsRefusedThenSucceedsOnceTheChecklistIsComplete() {
        String ani = Tokens.password("ani");
        String id = createPbg(ani);
        ApiClient.Response refused = api().post("/api/applications/" + id + "/submit", ani, "");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("missingRequirements").toString()).contains("KTP", "KKPR");

        uploadAllMandatory(id, ani);
        ApiClient.Response submitted = api().post("/api/applications/" + id + "/submit", ani, "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().path("state").asString()).isEqualTo("SUBMITTED");
        assertThat(submitted.json().path("registrationNumber").asString())
                .matches("REG-SULUT-MANADO-20[0-9]{2}-[0-9]{6}");
        assertThat(submitted.json().path("dueAt").asString()).isNotBlank();

        List<JsonNode> events = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.APPLICATION_EVENTS,
                e -> e.path("subject").asString().equals(id)
                        && e.path("type").asString().equals(EventTypes.APPLICATION_SUBMITTED),
                1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.path("specversion").asString()).isEqualTo("1.0");
        assertThat(event.path("data").path("registrationNumber").asString())
                .isEqualTo(submitted.json().path("registrationNumber").asString());
        assertThat(event.path("data").path("officeCode").asString()).isEqualTo("SULUT-MANADO");
        assertThat(event.path("data").path("state").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void theCallersTraceIdTravelsWithTheEventIntoKafka() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        ApiClient.Response created = api().post("/api/applications", Tokens.password("ani"), """
                {"permitTypeCode":"PBG","officeCode":"SULUT-MANADO",
                 "form":{"buildingFunction":"hunian","siteAddress":"Jl. Sam Ratulangi 1, Manado",
                         "landAreaM2":200,"buildingAreaM2":120,"floors":2,"landTitleNumber":"SHM 9"}}""",
                "traceparent", traceparent);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();

        String header = null;
        Map<String, Object> traceConsumer = new java.util.HashMap<>(TestInfrastructure.kafkaAdminClient());
        traceConsumer.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-" + UUID.randomUUID());
        traceConsumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(traceConsumer, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.APPLICATION_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (header == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (id.equals(record.key()) && record.value().contains(EventTypes.APPLICATION_CREATED)) {
                        Header traceHeader = record.headers().lastHeader("traceparent");
                        header = traceHeader == null ? "absent"
                                : new String(traceHeader.value(), StandardCharsets.US_ASCII);
                    }
                }
            }
        }
        // Same trace, the span of this service's request as parent: W3C version 00, 16-byte trace, 8-byte span.
        assertThat(header).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
    }

    @Test
    void aSubmitWithoutIfMatchSucceedsWhileDocumentEventsKeepChangingTheApplication() {
        // Found by the fault drills: a checklist update from a document event landing between the submit's read and
        // write made the submit answer 412, although the applicant sent no If-Match.
        String ani = Tokens.password("ani");
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = createPbg(ani);
            uploadAllMandatory(id, ani);
            String optional = null;
            for (JsonNode item : api().get("/api/applications/" + id, ani).json().path("checklist")) {
                if (!item.path("mandatory").asBoolean()) {
                    optional = item.path("requirementCode").asString();
                }
            }
            assertThat(optional).isNotNull();
            for (int e = 0; e < 15; e++) {
                publishDocumentEvent(EventTypes.DOCUMENT_UPLOADED, id, optional, "doc-" + UUID.randomUUID());
            }
            ApiClient.Response submitted = api().post("/api/applications/" + id + "/submit", ani, "");
            statuses.add(submitted.status());
        }
        assertThat(statuses).containsOnly(200);
    }

    /** Only a platform service's own token reads an issuance, and only of an issued application. */
    @Test
    void documentServiceConfirmsAnIssuanceThatNoPersonOrOfficeSystemMayRead() {
        String ani = Tokens.password("ani");
        // A type without a levy, so approval issues at once (a PBG would wait for its assessed levy).
        ApiClient.Response created = api().post("/api/applications", ani, """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO","form":{"profession":"Bidan",
                 "strNumber":"STR-ISSUANCE","practiceAddress":"Manado","facilityName":"Puskesmas Bahu"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String service = Tokens.clientCredentials("document-service", "dev-secret-document-service");
        assertThat(api().get("/api/internal/issuances/" + id, service).status()).as("a draft was never issued")
                .isEqualTo(404);
        uploadAllMandatory(id, ani);
        assertThat(api().post("/api/applications/" + id + "/submit", ani, "").status()).isEqualTo(200);
        String budi = Tokens.password("budi");
        assertThat(api().post("/api/applications/" + id + "/assign", budi, "").status()).isEqualTo(200);
        assertThat(api().post("/api/applications/" + id + "/recommend", budi, "").status()).isEqualTo(200);
        ApiClient.Response approved = api().post("/api/applications/" + id + "/approve", Tokens.password("citra"),
                "");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        String permitNumber = approved.json().path("permitNumber").asString();

        ApiClient.Response issuance = api().get("/api/internal/issuances/" + id, service);
        assertThat(issuance.status()).as(issuance.body()).isEqualTo(200);
        JsonNode facts = issuance.json();
        assertThat(facts.path("applicationId").asString()).isEqualTo(id);
        assertThat(facts.path("state").asString()).isEqualTo("ISSUED");
        assertThat(facts.path("permitNumber").asString()).isEqualTo(permitNumber).isNotBlank();
        assertThat(facts.path("officeCode").asString()).isEqualTo("SULUT-MANADO");
        assertThat(facts.path("permitTypeCode").asString()).isEqualTo("SIP");
        assertThat(facts.path("holder").path("id").asString()).isEqualTo(
                api().get("/api/applications/" + id, ani).json().path("applicant").path("id").asString());
        assertThat(facts.path("holder").path("name").asString()).isNotBlank();
        assertThat(api().get("/api/internal/issuances/unknown-" + UUID.randomUUID(), service).status())
                .isEqualTo(404);

        for (String other : List.of(ani, budi, Tokens.password("citra"), Tokens.password("adi"),
                Tokens.password("olga"), Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado"))) {
            ApiClient.Response refused = api().get("/api/internal/issuances/" + id, other);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api().get("/api/internal/issuances/" + id, null).status()).isEqualTo(401);
        // The service role opens nothing else: it is nobody's applicant or officer.
        assertThat(api().get("/api/applications/" + id, service).status()).isEqualTo(404);
        assertThat(api().post("/api/applications", service, """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO","form":{}}""").status()).isEqualTo(403);
    }

    @Test
    void anotherOfficeAndAnotherApplicantSeeNothing() {
        String id = createPbg(Tokens.password("ani"));
        assertThat(api().get("/api/applications/" + id, Tokens.password("dewi")).status()).isEqualTo(404);
        assertThat(api().get("/api/applications/" + id, Tokens.password("eko")).status()).isEqualTo(404);
        assertThat(api().get("/api/applications/" + id, Tokens.password("olga")).status()).isEqualTo(404);
        assertThat(api().get("/api/applications/" + id, Tokens.password("budi")).status()).isEqualTo(200);
        assertThat(api().get("/api/applications/" + id, Tokens.password("adi")).status()).isEqualTo(200);
        assertThat(api().get("/api/applications/" + id, Tokens.clientCredentials("office-sulut-manado",
                "dev-secret-manado")).status()).isEqualTo(200);
        JsonNode dewiList = api().get("/api/applications?size=100", Tokens.password("dewi")).json();
        assertThat(dewiList.path("content").toString()).doesNotContain(id);
        JsonNode budiList = api().get("/api/applications?size=100", Tokens.password("budi")).json();
        assertThat(budiList.path("content").toString()).contains(id);
        assertThat(budiList.path("page").path("totalElements").asLong()).isPositive();
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstApplication() {
        String ani = Tokens.password("ani");
        String body = """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO","form":{}}""";
        String key = "create-" + UUID.randomUUID();
        ApiClient.Response first = api().post("/api/applications", ani, body, "Idempotency-Key", key);
        ApiClient.Response retry = api().post("/api/applications", ani, body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        // The same key from another caller is another request.
        ApiClient.Response other = api().post("/api/applications", Tokens.password("eko"), body, "Idempotency-Key",
                key);
        assertThat(other.json().path("id").asString()).isNotEqualTo(first.json().path("id").asString());
    }

    @Test
    void numbersAreUniqueUnderConcurrency() throws Exception {
        String office = "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Set<String> issued = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 400; i++) {
            pool.execute(() -> issued.add(numbers.next("REG", office, 2026)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(issued).hasSize(400);
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 400; i++) {
            expected.add("REG-" + office + "-2026-" + String.format("%06d", i));
        }
        assertThat(issued).isEqualTo(expected);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String ani = Tokens.password("ani");
        String id = createPbg(ani);
        String marker = "poison-" + UUID.randomUUID();
        TestInfrastructure.publish(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, id, "{not json " + marker));
        publishDocumentEvent(EventTypes.DOCUMENT_UPLOADED, id, "KTP", "doc-after-poison");
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/applications/" + id, ani).json()
                .path("checklist").toString().contains("doc-after-poison"));
        Map<String, Object> dltConsumer = new java.util.HashMap<>(TestInfrastructure.kafkaAdminClient());
        dltConsumer.putAll(Map.of("group.id", "dlt-" + marker, "auto.offset.reset", "earliest"));
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(dltConsumer,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.DOCUMENT_EVENTS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value().contains(marker)) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    @Test
    void anEditOfThePermitTypeDoesNotChangeAnApplicationAlreadyUnderWay() {
        String ani = Tokens.password("ani");
        String adi = Tokens.password("adi");
        String id = createPbg(ani);
        JsonNode before = api().get("/api/applications/" + id, ani).json();
        JsonNode slf = api().get("/api/permit-types/SLF", adi).json();
        String etag = api().get("/api/permit-types/SLF", adi).header("ETag");
        // Add a mandatory requirement to SLF, then a new SLF application must list it; the PBG one is untouched.
        String updated = slf.toString().replace("\"requirements\":[",
                "\"requirements\":[{\"code\":\"SURAT_BARU\",\"name\":{\"id\":\"Surat baru\",\"en\":\"New letter\"},"
                        + "\"mandatory\":true,\"contentTypes\":[\"application/pdf\"],\"maxSizeBytes\":1000000},");
        ApiClient.Response put = api().send("PUT", "/api/permit-types/SLF", adi, updated, "If-Match", etag);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        ApiClient.Response stale = api().send("PUT", "/api/permit-types/SLF", adi, updated, "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);
        ApiClient.Response byApplicant = api().send("PUT", "/api/permit-types/SLF", ani, updated);
        assertThat(byApplicant.status()).isEqualTo(403);
        ApiClient.Response slfApp = api().post("/api/applications", ani, """
                {"permitTypeCode":"SLF","officeCode":"SULUT-MANADO","form":{}}""");
        assertThat(slfApp.json().path("checklist").toString()).contains("SURAT_BARU");
        assertThat(api().get("/api/applications/" + id, ani).json().path("checklist"))
                .isEqualTo(before.path("checklist"));
    }

    @Test
    void anOverdueApplicationIsMarkedBreachedOnceWithOneEvent() {
        String ani = Tokens.password("ani");
        String id = createPbg(ani);
        uploadAllMandatory(id, ani);
        assertThat(api().post("/api/applications/" + id + "/submit", ani, "").status()).isEqualTo(200);
        // Pretend the deadline passed an hour ago.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().set("dueAt", java.time.Instant.now().minusSeconds(3600)), "applications");

        slaWatch.check();
        slaWatch.check();

        JsonNode app = api().get("/api/applications/" + id, Tokens.password("budi")).json();
        assertThat(app.path("overdue").asBoolean()).isTrue();
        assertThat(app.path("slaBreachedAt").isNull()).isFalse();
        assertThat(app.path("state").asString()).isEqualTo("SUBMITTED");
        List<JsonNode> breaches = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.APPLICATION_EVENTS, e -> e.path("subject").asString().equals(id)
                        && e.path("type").asString().equals(EventTypes.APPLICATION_SLA_BREACHED),
                1, Duration.ofSeconds(20));
        assertThat(breaches).hasSize(1);
        JsonNode overdueList = api().get("/api/applications?overdue=true&size=100", Tokens.password("budi")).json();
        assertThat(overdueList.path("content").toString()).contains(id);
    }

    @Test
    void theSlaWatchFindsFilesPastTheirDueDateThroughTheScheduleTheirSavesWrote() {
        String ani = Tokens.password("ani");
        String id = createPbg(ani);
        uploadAllMandatory(id, ani);
        assertThat(api().post("/api/applications/" + id + "/submit", ani, "").status()).isEqualTo(200);
        assertThat(mongo.getCollection("applications_deadlines")
                .countDocuments(com.mongodb.client.model.Filters.eq("entries.id", id)))
                .as("the submit's save scheduled the due date").isEqualTo(1);
        // Pretend the deadline passed an hour ago: the stored due date, and the schedule a save of it would write.
        java.time.Instant past = java.time.Instant.now().minusSeconds(3600);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("dueAt", past),
                "applications");
        deadlines.schedule("sla", id, past);

        assertThat(slaWatch.checkDue()).isGreaterThanOrEqualTo(1);
        slaWatch.checkDue();

        JsonNode app = api().get("/api/applications/" + id, Tokens.password("budi")).json();
        assertThat(app.path("overdue").asBoolean()).isTrue();
        assertThat(app.path("slaBreachedAt").isNull()).isFalse();
        List<JsonNode> breaches = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.APPLICATION_EVENTS, e -> e.path("subject").asString().equals(id)
                        && e.path("type").asString().equals(EventTypes.APPLICATION_SLA_BREACHED),
                1, Duration.ofSeconds(20));
        assertThat(breaches).hasSize(1);
        assertThat(deadlines.due("sla", 1000)).extracting(org.satupintu.support.deadline.Deadlines.Entry::id)
                .doesNotContain(id);
    }

    /** Another replica holds the SLA watch's lock: this one skips the round, and runs once the lock is free. */
    @Test
    void theSlaWatchRunsOnOneReplicaAtATime() throws Exception {
        String ani = Tokens.password("ani");
        String id = createPbg(ani);
        uploadAllMandatory(id, ani);
        assertThat(api().post("/api/applications/" + id + "/submit", ani, "").status()).isEqualTo(200);
        java.time.Instant past = java.time.Instant.now().minusSeconds(3600);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("dueAt", past),
                "applications");
        deadlines.schedule("sla", id, past);
        // The other replica's run: its lock, as ShedLock writes it, held for at most 2 s.
        try (com.mongodb.client.MongoClient other = com.mongodb.client.MongoClients
                .create(TestInfrastructure.mongoUri())) {
            String database = mongo.getDb().getName();
            assertThat(new net.javacrumbs.shedlock.provider.mongo.MongoLockProvider(other.getDatabase(database)
                    .getCollection(org.satupintu.support.schedule.SingleRun.COLLECTION))
                    .lock(new net.javacrumbs.shedlock.core.LockConfiguration(java.time.Instant.now(), "sla-watch",
                            Duration.ofSeconds(2), Duration.ZERO)))
                    .isPresent();
        }

        assertThat(slaWatch.scheduled()).as("skipped while the other replica holds the lock").isFalse();
        assertThat(api().get("/api/applications/" + id, Tokens.password("budi")).json().path("slaBreachedAt")
                .isNull()).as("not marked by the skipped round").isTrue();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> slaWatch.scheduled());
        assertThat(api().get("/api/applications/" + id, Tokens.password("budi")).json().path("slaBreachedAt")
                .isNull()).as("marked once the lock was free").isFalse();
    }

    @Test
    void anOfficeSystemFilesForAWalkInApplicantOfItsOwnOfficeOnly() {
        String system = Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado");
        ApiClient.Response filed = api().post("/api/applications", system, """
                {"permitTypeCode":"TDUP","officeCode":"SULUT-MANADO","form":{},
                 "applicant":{"name":"Pak Joni Walangitan","phone":"0812-3456-7890","locale":"id"}}""");
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        assertThat(filed.json().path("applicant").path("id").asString()).startsWith("walk-in:");
        assertThat(filed.json().path("applicant").path("name").asString()).isEqualTo("Pak Joni Walangitan");
        String id = filed.json().path("id").asString();
        ApiClient.Response edited = api().send("PATCH", "/api/applications/" + id, system,
                "{\"form\":{\"businessName\":\"Homestay Bunaken\"}}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(api().get("/api/applications/" + id, Tokens.password("dewi")).status()).isEqualTo(404);

        ApiClient.Response otherOffice = api().post("/api/applications", system, """
                {"permitTypeCode":"TDUP","officeCode":"SULUT-BITUNG","form":{},"applicant":{"name":"Ibu Sari"}}""");
        assertThat(otherOffice.status()).isEqualTo(403);
        ApiClient.Response noApplicant = api().post("/api/applications", system, """
                {"permitTypeCode":"TDUP","officeCode":"SULUT-MANADO","form":{}}""");
        assertThat(noApplicant.status()).isEqualTo(400);
        assertThat(noApplicant.contentType()).startsWith("application/problem+json");
        ApiClient.Response byOfficer = api().post("/api/applications", Tokens.password("budi"), """
                {"permitTypeCode":"TDUP","officeCode":"SULUT-MANADO","form":{}}""");
        assertThat(byOfficer.status()).isEqualTo(403);
    }

    @Test
    void publishesItsOpenApiDocumentWithTheKeycloakLogin() {
        ApiClient.Response docs = api().get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/applications/{id}/submit")).isTrue();
        assertThat(docs.json().path("paths").has("/api/permit-types/{code}")).isTrue();
        assertThat(docs.json().path("components").path("securitySchemes").path("keycloak").path("type").asString())
                .isEqualTo("oauth2");
    }

    @Test
    void publishingEventsDoesNotChangeTheVersionAClientHolds() {
        String ani = Tokens.password("ani");
        ApiClient.Response created = api().post("/api/applications", ani, """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO","form":{}}""");
        String id = created.json().path("id").asString();
        String etag = created.header("ETag");
        assertThat(EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(), Topics.APPLICATION_EVENTS,
                e -> e.path("subject").asString().equals(id), 1, Duration.ofSeconds(20))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(id, org.bson.Document.class, "applications")
                .getList("outbox", Object.class).isEmpty());
        assertThat(api().get("/api/applications/" + id, ani).header("ETag")).isEqualTo(etag);
        ApiClient.Response edited = api().send("PATCH", "/api/applications/" + id, ani,
                "{\"form\":{\"profession\":\"Bidan\"}}", "If-Match", etag);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    }
}

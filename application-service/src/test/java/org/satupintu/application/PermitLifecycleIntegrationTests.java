package org.satupintu.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.satupintu.application.workflow.LifecycleReminders;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A REKLAME permit's whole life on real infrastructure (Keycloak tokens, Kafka, the MongoDB-wire store) with a clock
 * the test moves: fixed levy billed on approval, paid by the office's treasury system (idempotently), valid 12 months,
 * reminded 60, 30 and 7 days before, renewed after it expired, the old one superseded, the renewal revoked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PermitLifecycleIntegrationTests {

    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-01T02:00:00Z"));

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("satupintu.outbox.poll-interval", () -> "200ms");
        // The test runs the reminders itself; the SLA watch must not act on a clock a year ahead.
        registry.add("satupintu.lifecycle.check-interval", () -> "1h");
        registry.add("satupintu.lifecycle.sweep-interval", () -> "1h");
        registry.add("satupintu.sla.check-interval", () -> "1h");
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    LifecycleReminders reminders;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    static final String REKLAME_FORM = """
            {"location":"Jl. Piere Tendean, Manado","billboardType":"billboard","adContent":"Kopi Tuturuga",
             "widthM":4,"heightM":8,"sides":2,"durationMonths":12,"illuminated":true}""";

    JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json();
    }

    void uploadAllMandatory(String applicationId, String token) {
        JsonNode app = api().get("/api/applications/" + applicationId, token).json();
        for (JsonNode item : app.path("checklist")) {
            if (item.path("mandatory").asBoolean()) {
                String event = """
                        {"specversion":"1.0","id":"%s","source":"/satupintu/document-service",
                         "type":"satupintu.document.uploaded.v1","subject":"%s","time":"%s",
                         "datacontenttype":"application/json",
                         "data":{"applicationId":"%s","officeCode":"SULUT-MANADO","permitTypeCode":"REKLAME",
                                 "state":"DRAFT","documentId":"doc-%s","requirementCode":"%s","kind":"UPLOAD"}}"""
                        .formatted(UUID.randomUUID(), applicationId, Instant.now(), applicationId, UUID.randomUUID(),
                                item.path("requirementCode").asString());
                TestInfrastructure.publish(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, applicationId, event));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode item : api().get("/api/applications/" + applicationId, token).json().path("checklist")) {
                if (item.path("mandatory").asBoolean() && item.path("documentId").isNull()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Submitted by ani, reviewed by budi, approved by citra: the fixed levy is billed. */
    JsonNode approved(String id, String ani) {
        uploadAllMandatory(id, ani);
        String budi = Tokens.password("budi");
        ok(api().post("/api/applications/" + id + "/submit", ani, ""));
        ok(api().post("/api/applications/" + id + "/assign", budi, "{}"));
        ok(api().post("/api/applications/" + id + "/recommend", budi, "{\"note\":\"Titik sesuai\"}"));
        return ok(api().post("/api/applications/" + id + "/approve", Tokens.password("citra"), "{}"));
    }

    String payment(JsonNode app, long amount, String reference) {
        return """
                {"billingCode":"%s","amountIdr":%d,"paidAt":"%s","reference":"%s"}"""
                .formatted(app.path("levy").path("billingCode").asString(), amount, CLOCK.instant(), reference);
    }

    /**
     * The events of one type for one application, each event id once: delivery is at least once (a relay of another
     * test context in this JVM may publish an outbox event again, under the same id) and consumers de-duplicate by
     * id, so "one reminder each" means one event id each.
     */
    static java.util.function.Predicate<JsonNode> onceEach(String applicationId, String type) {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return e -> e.path("subject").asString().equals(applicationId) && e.path("type").asString().equals(type)
                && seen.add(e.path("id").asString());
    }

    @Test
    void aReklamePermitIsBilledPaidRemindedRenewedSupersededAndRevoked() {
        String ani = Tokens.password("ani");
        String manado = Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado");
        String id = ok(api().post("/api/applications", ani,
                "{\"permitTypeCode\":\"REKLAME\",\"officeCode\":\"SULUT-MANADO\",\"form\":" + REKLAME_FORM + "}"))
                .path("id").asString();

        JsonNode approved = approved(id, ani);
        assertThat(approved.path("state").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(approved.path("levy").path("amountIdr").asLong()).isEqualTo(1_500_000L);
        assertThat(approved.path("levy").path("billingCode").asString()).matches("[0-9]{13}");
        assertThat(Instant.parse(approved.path("levy").path("dueAt").asString()))
                .isEqualTo(CLOCK.instant().plus(Duration.ofDays(30)));
        assertThat(approved.path("permitNumber").isNull()).isTrue();

        // Payment-due reminders: 7 days and 1 day before the due date, once each.
        Instant due = Instant.parse(approved.path("levy").path("dueAt").asString());
        CLOCK.set(due.minus(Duration.ofDays(7)));
        reminders.check();
        reminders.check();
        CLOCK.set(due.minus(Duration.ofDays(1)));
        reminders.check();
        CLOCK.set(due.minus(Duration.ofHours(20)));

        ApiClient.Response wrongAmount = api().post("/api/applications/" + id + "/payments", manado,
                payment(approved, 150_000, "BSG-" + id));
        assertThat(wrongAmount.status()).as(wrongAmount.body()).isEqualTo(422);
        assertThat(wrongAmount.json().path("code").asString()).isEqualTo("amount-mismatch");
        ApiClient.Response byApplicant = api().post("/api/applications/" + id + "/payments", ani,
                payment(approved, 1_500_000, "BSG-" + id));
        assertThat(byApplicant.status()).isEqualTo(403);

        JsonNode issued = ok(api().post("/api/applications/" + id + "/payments", manado,
                payment(approved, 1_500_000, "BSG-" + id)));
        assertThat(issued.path("state").asString()).isEqualTo("ISSUED");
        assertThat(issued.path("permitNumber").asString()).startsWith("REKLAME-SULUT-MANADO-");
        Instant validUntil = Instant.parse(issued.path("validUntil").asString());
        assertThat(validUntil).isEqualTo(CLOCK.instant().atOffset(ZoneOffset.UTC).plusMonths(12).toInstant());
        JsonNode replay = ok(api().post("/api/applications/" + id + "/payments", manado,
                payment(approved, 1_500_000, "BSG-" + id)));
        assertThat(replay.path("permitNumber").asString()).isEqualTo(issued.path("permitNumber").asString());
        assertThat(replay.path("version").asLong()).isEqualTo(issued.path("version").asLong());

        // Expiry reminders: 60, 30 and 7 days before, once each even when the job runs twice.
        for (int days : new int[] {60, 30, 7}) {
            CLOCK.set(validUntil.minus(Duration.ofDays(days)));
            reminders.check();
            reminders.check();
        }
        List<JsonNode> expiring = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.APPLICATION_EVENTS, onceEach(id, EventTypes.APPLICATION_PERMIT_EXPIRING), 3,
                Duration.ofSeconds(30));
        assertThat(expiring).extracting(e -> e.path("data").path("reminderDaysBefore").asInt())
                .containsExactly(60, 30, 7);
        assertThat(expiring.get(0).path("data").path("validUntil").asString()).isEqualTo(validUntil.toString());
        List<JsonNode> paymentDue = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.APPLICATION_EVENTS, onceEach(id, EventTypes.APPLICATION_PAYMENT_DUE), 2,
                Duration.ofSeconds(30));
        assertThat(paymentDue).extracting(e -> e.path("data").path("reminderDaysBefore").asInt())
                .containsExactly(7, 1);
        assertThat(paymentDue.get(0).path("data").path("levy").path("billingCode").asString())
                .isEqualTo(approved.path("levy").path("billingCode").asString());

        // After it expired: renew into a pre-filled DRAFT; the old one is superseded when the renewal is issued.
        CLOCK.set(validUntil.plus(Duration.ofDays(2)));
        assertThat(ok(api().get("/api/applications/" + id, ani)).path("expired").asBoolean()).isTrue();
        ApiClient.Response renewed = api().post("/api/applications/" + id + "/renew", ani, "");
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
        String renewalId = renewed.json().path("id").asString();
        assertThat(renewed.json().path("state").asString()).isEqualTo("DRAFT");
        assertThat(renewed.json().path("renewalOf").asString()).isEqualTo(id);
        assertThat(renewed.json().path("form").path("location").asString()).isEqualTo("Jl. Piere Tendean, Manado");
        assertThat(api().post("/api/applications/" + id + "/renew", ani, "").status()).isEqualTo(422);

        JsonNode renewalApproved = approved(renewalId, ani);
        JsonNode renewalIssued = ok(api().post("/api/applications/" + renewalId + "/payments", manado,
                payment(renewalApproved, 1_500_000, "BSG-" + renewalId)));
        JsonNode old = ok(api().get("/api/applications/" + id, ani));
        assertThat(old.path("supersededBy").asString()).isEqualTo(renewalIssued.path("permitNumber").asString());
        assertThat(old.path("renewedBy").asString()).isEqualTo(renewalId);

        // Revocation: the office's supervisor, with a reason; not the officer; not another office.
        String revoke = "{\"reason\":\"Konstruksi reklame tidak sesuai gambar\"}";
        assertThat(api().post("/api/applications/" + renewalId + "/revoke", Tokens.password("budi"), revoke)
                .status()).isEqualTo(403);
        assertThat(api().post("/api/applications/" + renewalId + "/revoke", Tokens.password("dewi"), revoke)
                .status()).isEqualTo(404);
        ApiClient.Response noReason = api().post("/api/applications/" + renewalId + "/revoke",
                Tokens.password("citra"), "{\"reason\":\"" + "x".repeat(2001) + "\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("reason");
        JsonNode revoked = ok(api().post("/api/applications/" + renewalId + "/revoke", Tokens.password("citra"),
                revoke));
        assertThat(revoked.path("state").asString()).isEqualTo("REVOKED");
        assertThat(revoked.path("revocation").path("by").asString()).isEqualTo("citra");
        assertThat(EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(), Topics.APPLICATION_EVENTS,
                onceEach(renewalId, EventTypes.APPLICATION_REVOKED), 1, Duration.ofSeconds(30))).singleElement()
                .satisfies(e -> assertThat(e.path("data").path("revokedAt").asString()).isNotBlank());

        JsonNode stats = ok(api().get("/api/applications/stats", Tokens.password("citra")));
        assertThat(stats.path("levies").path("paidIdr").asLong()).isGreaterThanOrEqualTo(3_000_000L);
    }

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    List<String> remindersSent(String id) {
        return mongo.findById(id, org.satupintu.application.workflow.PermitApplication.class).remindersSent();
    }

    @Test
    void theMinuteCheckSendsWhatTheSaveScheduledAndTheSweepFindsAReminderWhoseScheduleWasLost() {
        String ani = Tokens.password("ani");
        String scheduled = ok(api().post("/api/applications", ani,
                "{\"permitTypeCode\":\"REKLAME\",\"officeCode\":\"SULUT-MANADO\",\"form\":" + REKLAME_FORM + "}"))
                .path("id").asString();
        String lost = ok(api().post("/api/applications", ani,
                "{\"permitTypeCode\":\"REKLAME\",\"officeCode\":\"SULUT-MANADO\",\"form\":" + REKLAME_FORM + "}"))
                .path("id").asString();
        Instant due = Instant.parse(approved(scheduled, ani).path("levy").path("dueAt").asString());
        approved(lost, ani);
        // The schedule of the second one is lost (as if the process died between its save and its schedule).
        mongo.getCollection("applications_deadlines").updateMany(
                com.mongodb.client.model.Filters.regex("_id", "^reminder\\|"),
                com.mongodb.client.model.Updates.pull("entries", new org.bson.Document("id", lost)));

        CLOCK.set(due.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(5)));
        reminders.check();
        assertThat(remindersSent(scheduled)).containsExactly("payment-due-7");
        assertThat(remindersSent(lost)).isEmpty();

        reminders.sweep();
        assertThat(remindersSent(lost)).containsExactly("payment-due-7");
        // The save after the first reminder scheduled the next one: one day before, found by the minute check.
        CLOCK.set(due.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
        reminders.check();
        assertThat(remindersSent(scheduled)).containsExactly("payment-due-7", "payment-due-1");
        assertThat(remindersSent(lost)).containsExactly("payment-due-7", "payment-due-1");
    }
}

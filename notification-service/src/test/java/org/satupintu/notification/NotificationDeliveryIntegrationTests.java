package org.satupintu.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.local.Ports;
import org.satupintu.notification.EventMother.App;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryLog;
import org.satupintu.notification.delivery.DeliveryStatus;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service end to end on real infrastructure: a real Kafka broker, real Keycloak tokens, the
 * MongoDB-wire store, a real SMTP server (GreenMail) and webhook receivers on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class NotificationDeliveryIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int SMTP_PORT = Ports.freePort();
    static volatile GreenMail smtp = startSmtp();

    static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Own store and consumer group: other test contexts of this JVM keep theirs.
        registry.add("spring.mongodb.database", () -> "notifications-it-" + run);
        // Its principal may join only groups named after it (KafkaAccess: prefix notification-service).
        registry.add("spring.kafka.consumer.group-id", () -> "notification-service-it-" + run);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("satupintu.delivery.poll-interval", () -> "200ms");
        registry.add("satupintu.delivery.initial-backoff", () -> "300ms");
        registry.add("satupintu.delivery.max-backoff", () -> "1s");
        registry.add("satupintu.delivery.deadline", () -> "20s");
        registry.add("satupintu.delivery.breaker-open-for", () -> "1s");
        registry.add("satupintu.delivery.quick-retry-wait", () -> "50ms");
        registry.add("satupintu.delivery.sweep-interval", () -> "1s");
        registry.add("satupintu.webhooks.pause-after-failures", () -> "3");
        registry.add("satupintu.notifications.stream.poll-interval", () -> "500ms");
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryLog deliveries;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    static String subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }

    /** As application-service or document-service would (the admin plays them). */
    void publish(String topic, String key, String value) {
        TestInfrastructure.publish(new ProducerRecord<>(topic, key, value));
    }

    List<JsonNode> inbox(String token, String applicationId) {
        ApiClient.Response page = api().get("/api/notifications?size=200", token);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        page.json().path("content").forEach(n -> {
            if (n.path("applicationId").asString().equals(applicationId)) {
                mine.add(n);
            }
        });
        return mine;
    }

    static List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            for (var r : m.getRecipients(Message.RecipientType.TO)) {
                if (r.toString().equals(address)) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    String createWebhook(String token, WebhookReceiver receiver, String officeCode, String... types) {
        String body = JSON.writeValueAsString(officeCode == null ? Map.of("url", receiver.url(), "eventTypes", types)
                : Map.of("url", receiver.url(), "eventTypes", types, "officeCode", officeCode));
        ApiClient.Response created = api().post("/api/webhooks", token, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        receiver.useSecret(created.json().path("secret").asString());
        return created.json().path("id").asString();
    }

    static String manado() {
        return Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado");
    }

    @Test
    void oneEventNotifiesEveryChannelExactlyOnceEvenWhenTheRecordsAreReplayed() throws Exception {
        String ani = Tokens.password("ani");
        App app = App.forApplicant(subjectOf(ani), "en");
        try (WebhookReceiver manadoSystem = new WebhookReceiver(); WebhookReceiver bitungSystem = new WebhookReceiver()) {
            createWebhook(manado(), manadoSystem, null, EventTypes.APPLICATION_SUBMITTED);
            createWebhook(Tokens.password("adi"), bitungSystem, "SULUT-BITUNG", EventTypes.APPLICATION_SUBMITTED);

            String event = EventMother.submitted(app);
            String eventId = EventMother.idOf(event);
            publish(Topics.APPLICATION_EVENTS, app.id(), event);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(mailTo(app.email())).hasSize(1);
                assertThat(manadoSystem.accepted()).hasSize(1);
                assertThat(deliveries.ofEvent(eventId)).extracting(Delivery::status)
                        .containsOnly(DeliveryStatus.SENT).hasSize(3);
            });
            MimeMessage mail = mailTo(app.email()).get(0);
            assertThat(mail.getSubject()).isEqualTo("[SatuPintu] Application " + app.registrationNumber() + " received");
            assertThat(deliveries.ofEvent(eventId)).extracting(Delivery::channel)
                    .containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS, Channel.WEBHOOK);
            assertThat(deliveries.ofEvent(eventId)).filteredOn(d -> d.channel() == Channel.SMS)
                    .extracting(Delivery::address).containsExactly("+6281234567890");

            WebhookReceiver.Received hook = manadoSystem.accepted().get(0);
            assertThat(hook.signatureValid()).isTrue();
            assertThat(hook.eventId()).isEqualTo(eventId);
            assertThat(hook.body()).isEqualTo(event);

            List<JsonNode> aniInbox = inbox(ani, app.id());
            assertThat(aniInbox).hasSize(1);
            assertThat(aniInbox.get(0).path("title").asString())
                    .isEqualTo("Application " + app.registrationNumber() + " received");
            assertThat(aniInbox.get(0).path("locale").asString()).isEqualTo("en");
            assertThat(aniInbox.get(0).path("readAt").isNull()).isTrue();
            List<JsonNode> budiInbox = inbox(Tokens.password("budi"), app.id());
            assertThat(budiInbox).hasSize(1);
            assertThat(budiInbox.get(0).path("title").asString()).isEqualTo("Permohonan baru " + app.registrationNumber());
            assertThat(inbox(Tokens.password("dewi"), app.id())).isEmpty();
            assertThat(inbox(Tokens.password("eko"), app.id())).isEmpty();

            // The same records again (a redelivery), then a later event of the same application as a marker:
            // once the marker shows, the replays before it on the same partition were handled.
            publish(Topics.APPLICATION_EVENTS, app.id(), event);
            publish(Topics.APPLICATION_EVENTS, app.id(), event);
            publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.applicationEvent(app,
                    EventTypes.APPLICATION_RECOMMENDED, "RECOMMENDED", "lengkap", null));
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox(Tokens.password("citra"), app.id()).stream()
                    .anyMatch(n -> n.path("eventType").asString().equals(EventTypes.APPLICATION_RECOMMENDED)));
            TimeUnit.SECONDS.sleep(1);
            assertThat(mailTo(app.email())).hasSize(1);
            assertThat(manadoSystem.received()).hasSize(1);
            assertThat(deliveries.ofEvent(eventId)).hasSize(3);
            assertThat(inbox(ani, app.id())).hasSize(1);
            assertThat(inbox(Tokens.password("budi"), app.id())).hasSize(1);
            assertThat(bitungSystem.received()).as("another office's subscription").isEmpty();

            String notificationId = aniInbox.get(0).path("id").asString();
            assertThat(api().post("/api/notifications/" + notificationId + "/read", Tokens.password("eko"), "")
                    .status()).isEqualTo(404);
            assertThat(api().post("/api/notifications/" + notificationId + "/read", ani, "").status()).isEqualTo(204);
            assertThat(api().get("/api/notifications?unread=true&size=200", ani).body()).doesNotContain(notificationId);
            assertThat(api().get("/api/notifications?unread=false&size=200", ani).body()).contains(notificationId);
        }
    }

    /** The levy notice names the billing code, amount and due date, in the applicant's language; webhooks name the new types. */
    @Test
    void theLevyNoticeNamesBillingCodeAmountAndDueDateAndARevocationReachesTheOfficeSystem() throws Exception {
        App app = App.forApplicant(subjectOf(Tokens.password("ani")), "id");
        try (WebhookReceiver manadoSystem = new WebhookReceiver()) {
            createWebhook(manado(), manadoSystem, null, EventTypes.APPLICATION_REVOKED);
            publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.submitted(app));
            publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.withLevy(app, EventTypes.APPLICATION_APPROVED,
                    "AWAITING_PAYMENT", null, null, null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailTo(app.email()))
                    .anySatisfy(m -> assertThat(m.getSubject()).contains("2600000000017")));
            MimeMessage notice = mailTo(app.email()).stream()
                    .filter(m -> { try { return m.getSubject().contains("SKRD"); } catch (Exception e) { return false; } })
                    .findFirst().orElseThrow();
            assertThat(notice.getSubject()).isEqualTo("[SatuPintu] SKRD: bayar Rp 1.500.000 dengan kode bayar 2600000000017");
            assertThat((String) notice.getContent()).contains("Kode bayar: 2600000000017", "Jumlah: Rp 1.500.000",
                    "Jatuh tempo: 2026-12-30 10:00 (Asia/Makassar)");

            publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.withLevy(app, EventTypes.APPLICATION_REVOKED,
                    "REVOKED", "Titik reklame melanggar RTRW", "REKLAME-SULUT-MANADO-2026-000009", null));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(manadoSystem.accepted()).hasSize(1);
                assertThat(mailTo(app.email())).anySatisfy(m -> assertThat(m.getSubject())
                        .isEqualTo("[SatuPintu] Izin REKLAME-SULUT-MANADO-2026-000009 dicabut"));
            });
            assertThat(manadoSystem.accepted().get(0).body()).contains(EventTypes.APPLICATION_REVOKED, "revokedAt");
        }
    }

    @Test
    void anEmailThatFailsWhileSmtpIsDownIsDeliveredOnceItReturns() throws Exception {
        App app = App.forApplicant(subjectOf(Tokens.password("ani")), "id");
        smtp.stop();
        try {
            String event = EventMother.applicationEvent(app, EventTypes.APPLICATION_REVISION_REQUESTED,
                    "REVISION_REQUESTED", "Foto KTP buram", null);
            String eventId = EventMother.idOf(event);
            publish(Topics.APPLICATION_EVENTS, app.id(), event);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries.ofEvent(eventId))
                    .filteredOn(d -> d.channel() == Channel.EMAIL)
                    .anySatisfy(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED_TEMPORARY);
                        assertThat(d.attempts()).isGreaterThanOrEqualTo(2);
                        assertThat(d.lastError()).isNotBlank();
                    }));
            smtp = startSmtp();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailTo(app.email())).hasSize(1));
            MimeMessage mail = mailTo(app.email()).get(0);
            assertThat(mail.getSubject()).isEqualTo("[SatuPintu] Perbaikan diperlukan untuk " + app.registrationNumber());
            assertThat((String) mail.getContent()).contains("Alasan: Foto KTP buram");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deliveries.ofEvent(eventId))
                    .filteredOn(d -> d.channel() == Channel.EMAIL)
                    .singleElement().satisfies(d -> {
                        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
                        assertThat(d.attempts()).isGreaterThanOrEqualTo(3);
                    }));
        }
        finally {
            if (!smtp.isRunning()) {
                smtp = startSmtp();
            }
        }
    }

    @Test
    void aFailingWebhookIsRetriedUntilTheReceiverRecovers() throws Exception {
        App app = App.forApplicant(subjectOf(Tokens.password("ani")), "id");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500, 500, 503);
            String id = createWebhook(manado(), receiver, null, EventTypes.APPLICATION_REJECTED);
            publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.applicationEvent(app,
                    EventTypes.APPLICATION_REJECTED, "REJECTED", "Tidak sesuai tata ruang", null));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.received()).hasSize(4).allMatch(WebhookReceiver.Received::signatureValid);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode page = api().get("/api/webhooks/" + id + "/deliveries", manado()).json();
                assertThat(page.path("page").path("totalElements").asInt()).isEqualTo(1);
                JsonNode delivery = page.path("content").get(0);
                assertThat(delivery.path("status").asString()).isEqualTo("SENT");
                assertThat(delivery.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(delivery.path("lastStatusCode").asInt()).isEqualTo(200);
            });
            JsonNode subscription = api().get("/api/webhooks/" + id, manado()).json();
            assertThat(subscription.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(subscription.path("consecutiveFailures").asInt()).isZero();
        }
    }

    @Test
    void aWebhookThatKeepsFailingIsPausedAndTheDeliveryGivesUpWithAnEvent() throws Exception {
        App app = App.forApplicant(subjectOf(Tokens.password("ani")), "id");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (int i = 0; i < 200; i++) {
                receiver.answer(500);
            }
            String id = createWebhook(manado(), receiver, null, EventTypes.APPLICATION_ISSUED);
            String event = EventMother.applicationEvent(app, EventTypes.APPLICATION_ISSUED, "ISSUED", null,
                    "PBG-SULUT-MANADO-2026-000042");
            String eventId = EventMother.idOf(event);
            publish(Topics.APPLICATION_EVENTS, app.id(), event);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode subscription = api().get("/api/webhooks/" + id, manado()).json();
                assertThat(subscription.path("status").asString()).isEqualTo("PAUSED");
                assertThat(subscription.path("pausedReason").asString()).contains("500");
            });
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(deliveries.ofEvent(eventId))
                    .filteredOn(d -> d.channel() == Channel.WEBHOOK).singleElement()
                    .extracting(Delivery::status).isEqualTo(DeliveryStatus.FAILED_PERMANENT));
            JsonNode failure = awaitRecord(Topics.NOTIFICATION_EVENTS,
                    e -> e.path("type").asString().equals(EventTypes.NOTIFICATION_DELIVERY_FAILED)
                            && e.path("data").path("eventId").asString().equals(eventId));
            assertThat(failure.path("subject").asString()).isEqualTo(app.id());
            assertThat(failure.path("data").path("channel").asString()).isEqualTo("WEBHOOK");
            assertThat(failure.path("data").path("subscriptionId").asString()).isEqualTo(id);
        }
    }

    @Test
    void theLiveStreamDeliversNewNotificationsAndCatchesUpAfterAReconnect() throws Exception {
        String ani = Tokens.password("ani");
        App app = App.forApplicant(subjectOf(ani), "id");
        String lastId;
        try (SseClient stream = SseClient.open(port, ani, null)) {
            publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.submitted(app));
            SseClient.Event live = stream.next(e -> e.data().contains(app.id()), Duration.ofSeconds(20));
            assertThat(live.name()).isEqualTo("notification");
            assertThat(JSON.readTree(live.data()).path("eventType").asString())
                    .isEqualTo(EventTypes.APPLICATION_SUBMITTED);
            lastId = live.id();
        }
        // Missed while disconnected:
        publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.applicationEvent(app,
                EventTypes.APPLICATION_ISSUED, "ISSUED", null, "PBG-SULUT-MANADO-2026-000777"));
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(ani, app.id()).size() == 2);
        try (SseClient stream = SseClient.open(port, ani, lastId)) {
            SseClient.Event missed = stream.next(e -> e.data().contains(app.id()), Duration.ofSeconds(10));
            JsonNode notification = JSON.readTree(missed.data());
            assertThat(notification.path("eventType").asString()).isEqualTo(EventTypes.APPLICATION_ISSUED);
            assertThat(notification.path("title").asString()).isEqualTo("Izin PBG-SULUT-MANADO-2026-000777 terbit");
            assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(lastId));
        }
        // Eko's stream never shows Ani's notifications.
        try (SseClient eko = SseClient.open(port, Tokens.password("eko"), "0")) {
            assertThat(eko.poll(e -> e.data().contains(app.id()), Duration.ofSeconds(2))).isNull();
        }
    }

    /** Issue #12: live streams with limits. The fourth stream of one user ends that user's oldest. */
    @Test
    void aUserHoldsAtMostThreeLiveStreamsAndAFourthEndsTheOldest() throws Exception {
        String budi = Tokens.password("budi");
        try (SseClient first = SseClient.open(port, budi, null); SseClient second = SseClient.open(port, budi, null);
                SseClient third = SseClient.open(port, budi, null)) {
            Thread.sleep(500);
            assertThat(first.ended()).isFalse();
            try (SseClient fourth = SseClient.open(port, budi, null)) {
                await().atMost(Duration.ofSeconds(10)).until(first::ended);
                Thread.sleep(1_000);
                assertThat(second.ended()).isFalse();
                assertThat(third.ended()).isFalse();
                assertThat(fourth.ended()).isFalse();
            }
        }
    }

    @Test
    void aCertificateNotifiesTheApplicantKnownFromEarlierApplicationEvents() throws Exception {
        String ani = Tokens.password("ani");
        App app = App.forApplicant(subjectOf(ani), "id");
        publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.applicationEvent(app, EventTypes.APPLICATION_ISSUED,
                "ISSUED", null, "PBG-SULUT-MANADO-2026-000100"));
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(ani, app.id()).size() == 1);
        publish(Topics.DOCUMENT_EVENTS, app.id(), EventMother.certificateGenerated(app, "PBG-SULUT-MANADO-2026-000100"));
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(ani, app.id()).stream().anyMatch(n -> n
                .path("title").asString().equals("Sertifikat izin PBG-SULUT-MANADO-2026-000100 siap diunduh")));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(app.email()).size() == 2);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLettersAndTheConsumerMovesOn() {
        String ani = Tokens.password("ani");
        App app = App.forApplicant(subjectOf(ani), "id");
        String poison = "this is not a cloud event " + UUID.randomUUID();
        publish(Topics.APPLICATION_EVENTS, app.id(), poison);
        publish(Topics.APPLICATION_EVENTS, app.id(), "{\"type\":\"" + EventTypes.APPLICATION_SUBMITTED + "\"}");
        publish(Topics.APPLICATION_EVENTS, app.id(), EventMother.submitted(app));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(ani, app.id()).size() == 1);
        assertThat(awaitRawRecord(Topics.APPLICATION_EVENTS + Topics.DEAD_LETTER_SUFFIX, poison::equals))
                .isEqualTo(poison);
    }

    @Test
    void webhookSubscriptionsAreManagedByOfficeSystemsAndAdminsAndReadByOperators() throws Exception {
        String manado = manado();
        String body = "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"" + EventTypes.APPLICATION_ISSUED
                + "\"]}";
        assertThat(api().post("/api/webhooks", Tokens.password("ani"), body).status()).isEqualTo(403);
        assertThat(api().post("/api/webhooks", Tokens.password("budi"), body).status()).isEqualTo(403);
        ApiClient.Response unknown = api().post("/api/webhooks", manado,
                "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"satupintu.application.teleported.v1\"]}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("code").asString()).isEqualTo("unknown-event-type");
        ApiClient.Response badUrl = api().post("/api/webhooks", manado,
                "{\"url\":\"ftp://127.0.0.1/hook\",\"eventTypes\":[\"" + EventTypes.APPLICATION_ISSUED + "\"]}");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.contentType()).startsWith("application/problem+json");
        assertThat(api().post("/api/webhooks", manado, "{\"url\":\"\",\"eventTypes\":[]}").status()).isEqualTo(400);
        assertThat(api().post("/api/webhooks", Tokens.password("adi"), body).status()).as("admin names the office")
                .isEqualTo(400);

        ApiClient.Response created = api().post("/api/webhooks", manado, body);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String secret = created.json().path("secret").asString();
        assertThat(created.json().path("officeCode").asString()).isEqualTo("SULUT-MANADO");
        assertThat(created.header("Location")).isEqualTo("/api/webhooks/" + id);
        ApiClient.Response list = api().get("/api/webhooks", manado);
        assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("\"secret\"");
        assertThat(api().get("/api/webhooks/" + id, manado).body()).doesNotContain(secret);

        ApiClient.Response bitung = api().post("/api/webhooks", Tokens.password("adi"),
                body.replace("}", ",\"officeCode\":\"SULUT-BITUNG\"}"));
        assertThat(bitung.status()).isEqualTo(201);
        String bitungId = bitung.json().path("id").asString();
        assertThat(api().get("/api/webhooks", manado).body()).doesNotContain(bitungId);
        assertThat(api().get("/api/webhooks/" + bitungId + "/deliveries", manado).status()).isEqualTo(404);
        assertThat(api().send("DELETE", "/api/webhooks/" + bitungId, manado, null).status()).isEqualTo(404);

        // Operators look at every office's subscriptions and deliveries, and change nothing.
        String olga = Tokens.password("olga");
        assertThat(api().get("/api/webhooks", olga).body()).contains(id).contains(bitungId).doesNotContain(secret);
        assertThat(api().get("/api/webhooks/" + bitungId + "/deliveries", olga).status()).isEqualTo(200);
        assertThat(api().post("/api/webhooks", olga, body.replace("}", ",\"officeCode\":\"SULUT-BITUNG\"}"))
                .status()).isEqualTo(403);
        assertThat(api().send("DELETE", "/api/webhooks/" + bitungId, olga, null).status()).isEqualTo(403);
        assertThat(api().post("/api/webhooks/" + bitungId + "/resume", olga, "").status()).isEqualTo(403);

        assertThat(api().send("DELETE", "/api/webhooks/" + id, manado, null).status()).isEqualTo(204);
        assertThat(api().get("/api/webhooks/" + id, manado).status()).isEqualTo(404);
        assertThat(api().send("DELETE", "/api/webhooks/" + bitungId, Tokens.password("adi"), null).status())
                .isEqualTo(204);
    }

    @Test
    void theDispatcherWorksFromDueEntriesAndTheSweepRestoresALostOne() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "due-" + run + "-a@example.id";
        deliveries.enqueue(new DeliveryLog.NewDelivery(Channel.EMAIL, "user:due-a", first, "due-event-" + run,
                EventTypes.APPLICATION_ISSUED, "due-app-" + run, null, "SULUT-MANADO", null, "Due test", "body"));
        String firstId = DeliveryLog.idOf("due-event-" + run, "user:due-a", Channel.EMAIL);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailTo(first)).hasSize(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> dueEntries(firstId) == 0);

        // A delivery written without its due entry, as a crash between the two writes would leave it.
        String second = "due-" + run + "-b@example.id";
        String secondId = "lost-due-" + run;
        var copy = mongo.getCollection("deliveries").find(com.mongodb.client.model.Filters.eq("_id", firstId)).first();
        assertThat(copy).isNotNull();
        copy.put("_id", secondId);
        copy.put("address", second);
        copy.put("status", "PENDING");
        copy.put("attempts", 0);
        copy.remove("deliveredAt");
        copy.put("nextAttemptAt", new java.util.Date());
        mongo.getCollection("deliveries").insertOne(copy);
        assertThat(dueEntries(secondId)).isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mailTo(second)).hasSize(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> dueEntries(secondId) == 0);
        assertThat(mailTo(first)).hasSize(1);
    }

    long dueEntries(String deliveryId) {
        return mongo.getCollection("deliveries_due").countDocuments(com.mongodb.client.model.Filters.eq("_id",
                deliveryId));
    }

    @Test
    void replicasClaimingTheSameDueDeliveriesNeverSendOneTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String address = "lease-" + run + "-" + i + "@example.id";
            addresses.add(address);
            deliveries.enqueue(new DeliveryLog.NewDelivery(Channel.EMAIL, "user:lease-" + i, address,
                    "lease-event-" + run + "-" + i, EventTypes.APPLICATION_ISSUED, "lease-app-" + run, null,
                    "SULUT-MANADO", null, "Lease test", "body"));
        }
        // Four more "replicas" claim alongside this service's own dispatcher.
        java.util.concurrent.ConcurrentLinkedQueue<String> claimedByOthers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<Thread> replicas = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            replicas.add(Thread.ofVirtual().start(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < until) {
                    deliveries.claimDue(3).stream().filter(d -> d.applicationId().equals("lease-app-" + run))
                            .forEach(d -> claimedByOthers.add(d.address()));
                }
            }));
        }
        for (Thread t : replicas) {
            t.join();
        }
        assertThat(claimedByOthers).doesNotHaveDuplicates();
        List<String> expectedByMail = addresses.stream().filter(a -> !claimedByOthers.contains(a)).toList();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String address : expectedByMail) {
                assertThat(mailTo(address)).hasSize(1);
            }
        });
        for (String address : claimedByOthers) {
            assertThat(mailTo(address)).as("leased by another replica, so not sent here").isEmpty();
        }
    }

    JsonNode awaitRecord(String topic, java.util.function.Predicate<JsonNode> match) {
        String value = awaitRawRecord(topic, v -> {
            try {
                return match.test(JSON.readTree(v));
            }
            catch (RuntimeException e) {
                return false;
            }
        });
        return JSON.readTree(value);
    }

    static String awaitRawRecord(String topic, java.util.function.Predicate<String> match) {
        Map<String, Object> config = new java.util.HashMap<>(TestInfrastructure.kafkaAdminClient());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "recorder-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value() != null && match.test(record.value())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("No matching record on " + topic);
    }

    /** A Server-Sent Events client on java.net.http, reading lines as they stream. */
    static final class SseClient implements AutoCloseable {

        record Event(String id, String name, String data) {
        }

        private final InputStream body;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile boolean ended;

        private SseClient(InputStream body) {
            this.body = body;
            this.reader = Thread.ofVirtual().start(this::read);
        }

        static SseClient open(int port, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/notifications/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new SseClient(response.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String name = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, data.toString()));
                        }
                        id = null;
                        name = "message";
                        data.setLength(0);
                    }
                    else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    }
                    else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    }
                    else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            }
            catch (Exception e) {
                // closed
            }
            finally {
                ended = true;
            }
        }

        /** The server ended the stream (or it was closed here). */
        boolean ended() {
            return ended;
        }

        Event poll(java.util.function.Predicate<Event> match, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Event e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e != null && match.test(e)) {
                    return e;
                }
            }
            return null;
        }

        Event next(java.util.function.Predicate<Event> match, Duration timeout) throws InterruptedException {
            Event e = poll(match, timeout);
            assertThat(e).as("a matching server-sent event within " + timeout).isNotNull();
            return e;
        }

        @Override
        public void close() throws Exception {
            body.close();
            reader.interrupt();
        }
    }
}

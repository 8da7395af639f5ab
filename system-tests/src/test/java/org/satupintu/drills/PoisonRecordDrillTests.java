package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.systemtests.RunningPlatform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drill: poison records on the event topics. Each consumer group dead-letters what it cannot process and keeps
 * consuming; an operator replays the dead letters through the gateway, and a record that failed only for want of
 * an earlier event is then processed.
 */
@Tag("drill")
class PoisonRecordDrillTests {

    private static final String GARBAGE = "this is not a CloudEvent {";

    private final ApiClient gateway = Drills.gateway();

    @Test
    void poisonRecordsAreDeadLetteredConsumersKeepGoingAndReplayDeliversTheRest() throws Exception {
        Drills.ensureBenchmarkPermitType();
        Drills.Report report = new Drills.Report("poison-records");
        String eko = RunningPlatform.token(Drills.APPLICANT);
        String olga = RunningPlatform.token("olga");
        String poisonKey = "drill-poison-" + UUID.randomUUID();

        // A real application gives the shape of a real created event; application X gets a copy of it later.
        String template = submitOne(eko, false);
        JsonNode realCreated = Drills.awaitValue(Duration.ofSeconds(60), () -> Drills.readTopic(
                Topics.APPLICATION_EVENTS).stream().filter(e -> e.applicationId().equals(template)
                        && e.type().equals(EventTypes.APPLICATION_CREATED)).map(Drills.TopicEvent::event)
                .findFirst().orElse(null));
        String unknownApp = UUID.randomUUID().toString();
        ObjectNode missingCreated = copyFor(realCreated, unknownApp);
        // A certificate for X before notification-service has heard of X: it cannot know whom to tell, retries,
        // and dead-letters it. Once X's created event is in, a replay delivers it.
        String permitNumber = "BENCHMARK-SULUT-MANADO-2026-" + (900000 + new java.util.Random().nextInt(99999));
        String orphanCertificate = Drills.JSON.writeValueAsString(Map.of("specversion", "1.0",
                "id", UUID.randomUUID().toString(), "source", "/satupintu/document-service",
                "type", EventTypes.CERTIFICATE_GENERATED, "subject", unknownApp,
                "time", java.time.Instant.now().toString(), "datacontenttype", "application/json",
                "data", Map.of("applicationId", unknownApp, "registrationNumber", "REG-SULUT-MANADO-2026-9" + permitNumber
                        .substring(permitNumber.length() - 5), "officeCode", "SULUT-MANADO", "permitTypeCode",
                        "BENCHMARK", "state", "ISSUED", "documentId", UUID.randomUUID().toString(),
                        "requirementCode", "PERMIT_CERTIFICATE", "kind", "CERTIFICATE", "sha256", "0".repeat(64),
                        "permitNumber", permitNumber)));

        long appDltBefore = Drills.readTopic(Topics.deadLetterOf(Topics.APPLICATION_EVENTS)).size();
        long docDltBefore = Drills.readTopic(Topics.deadLetterOf(Topics.DOCUMENT_EVENTS)).size();
        try (KafkaProducer<String, String> producer = producer()) {
            for (String topic : Topics.all()) {
                producer.send(new ProducerRecord<>(topic, poisonKey, GARBAGE)).get(10, TimeUnit.SECONDS);
            }
            producer.send(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, unknownApp, orphanCertificate))
                    .get(10, TimeUnit.SECONDS);
        }

        // Consumers keep going: a new application after the poison is projected, checked and notified.
        String after = submitOne(eko, true);
        Duration keptGoing = Drills.awaitUntil(Duration.ofSeconds(90),
                () -> Drills.inbox(eko, EventTypes.APPLICATION_SUBMITTED, List.of(after)).size() == 1
                        && gateway.get("/api/applications/" + after, eko).json().path("checklist")
                                .findValues("documentId").stream().anyMatch(n -> !n.isNull()));

        Duration deadLettered = Drills.awaitUntil(Duration.ofSeconds(90),
                () -> deadLetters(Topics.APPLICATION_EVENTS, poisonKey).size() == 2
                        && deadLetters(Topics.DOCUMENT_EVENTS, poisonKey).size() == 2
                        && deadLetters(Topics.DOCUMENT_EVENTS, unknownApp).size() == 1);
        List<String> appGroups = groups(deadLetters(Topics.APPLICATION_EVENTS, poisonKey));
        List<String> docGroups = groups(deadLetters(Topics.DOCUMENT_EVENTS, poisonKey));
        List<String> orphanGroups = groups(deadLetters(Topics.DOCUMENT_EVENTS, unknownApp));
        JsonNode queues = gateway.get("/api/ops/queues", olga).json();
        long pendingBeforeReplay = deadLetterCount(queues, Topics.APPLICATION_EVENTS);
        long pendingDocsBeforeReplay = deadLetterCount(queues, Topics.DOCUMENT_EVENTS);

        // The missing event arrives; the operator replays the dead letters.
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, unknownApp, missingCreated.toString()))
                    .get(10, TimeUnit.SECONDS);
        }
        Drills.awaitUntil(Duration.ofSeconds(30), () -> lag(gateway.get("/api/ops/queues", olga).json(),
                Topics.APPLICATION_EVENTS, "notification-service") == 0);
        assertThat(gateway.post("/api/ops/dead-letters/" + Topics.APPLICATION_EVENTS + "/replay", eko, "").status())
                .isEqualTo(403);
        ApiClient.Response replay = gateway.post("/api/ops/dead-letters/" + Topics.APPLICATION_EVENTS + "/replay",
                olga, "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        ApiClient.Response replayDocs = gateway.post("/api/ops/dead-letters/" + Topics.DOCUMENT_EVENTS + "/replay",
                olga, "");
        assertThat(replayDocs.status()).as(replayDocs.body()).isEqualTo(200);
        Duration replayDelivered = Drills.awaitUntil(Duration.ofSeconds(60),
                () -> Drills.inbox(eko, EventTypes.CERTIFICATE_GENERATED, List.of(unknownApp)).size() == 1
                        && Drills.mailsMentioning(List.of(permitNumber)).size() == 1);
        // The garbage is still garbage: it is dead-lettered again, and the consumers still go on.
        Drills.awaitUntil(Duration.ofSeconds(60),
                () -> deadLetters(Topics.APPLICATION_EVENTS, poisonKey).size() >= 4);
        Drills.sleep(Duration.ofSeconds(5)); // more copies than one per group would show up by now
        String afterReplay = submitOne(eko, false);
        Duration keptGoingAfterReplay = Drills.awaitUntil(Duration.ofSeconds(60),
                () -> Drills.inbox(eko, EventTypes.APPLICATION_SUBMITTED, List.of(afterReplay)).size() == 1);
        Drills.sleep(Duration.ofSeconds(3));
        Map<String, Integer> orphanInbox = Drills.inbox(eko, EventTypes.CERTIFICATE_GENERATED, List.of(unknownApp));
        Map<String, Integer> orphanMail = Drills.mailsMentioning(List.of(permitNumber));

        report.put("poison injected", "1 non-JSON record on each of " + Topics.all()
                        + "; 1 certificate-generated event for an application not known yet on "
                        + Topics.DOCUMENT_EVENTS)
                .put("garbage dead-lettered from application events by", appGroups)
                .put("garbage dead-lettered from document events by", docGroups)
                .put("garbage on notification events", "no consumer inside the platform (read by office systems)")
                .put("early certificate event dead-lettered by", orphanGroups)
                .put("time until all dead-lettered", deadLettered)
                .put("consumers kept going (new submission notified and checklist updated) after", keptGoing)
                .put("dead letters waiting on application events before replay (ops view)", pendingBeforeReplay)
                .put("dead letters waiting on document events before replay (ops view)", pendingDocsBeforeReplay)
                .put("application dead letters before the drill", appDltBefore)
                .put("document dead letters before the drill", docDltBefore)
                .put("replay application events", replay.body())
                .put("replay document events", replayDocs.body())
                .put("replayed event delivered to the inbox after", replayDelivered)
                .put("replayed event, in-app notifications (want 1)", orphanInbox.getOrDefault(unknownApp, 0))
                .put("replayed event, emails (want 1)", orphanMail.getOrDefault(permitNumber, 0))
                .put("garbage copies in application DLT after replay",
                        deadLetters(Topics.APPLICATION_EVENTS, poisonKey).size())
                .put("consumers kept going after the replay", keptGoingAfterReplay)
                .write();

        assertThat(keptGoing).as("consumers go on after poison").isNotNull();
        assertThat(deadLettered).as("poison dead-lettered").isNotNull();
        assertThat(appGroups).containsExactlyInAnyOrder("document-service", "notification-service");
        assertThat(docGroups).containsExactlyInAnyOrder("application-service", "notification-service");
        assertThat(orphanGroups).containsExactly("notification-service");
        assertThat(pendingBeforeReplay).isGreaterThanOrEqualTo(2);
        assertThat(pendingDocsBeforeReplay).isGreaterThanOrEqualTo(3);
        // One re-publication per failed record reaches every group again; one per group's copy would multiply
        // the poison with every replay.
        assertThat(replay.json().path("replayed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(replay.json().path("copiesSkipped").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(replayDocs.json().path("replayed").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(replayDocs.json().path("copiesSkipped").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(deadLetters(Topics.APPLICATION_EVENTS, poisonKey)).hasSize(4);
        assertThat(orphanInbox).containsEntry(unknownApp, 1);
        assertThat(orphanMail).containsEntry(permitNumber, 1);
        assertThat(keptGoingAfterReplay).isNotNull();
        Drills.assertPlatformHealthy();
    }

    private String submitOne(String token, boolean upload) {
        ApiClient.Response created = gateway.post("/api/applications", token,
                "{\"permitTypeCode\":\"BENCHMARK\",\"officeCode\":\"SULUT-MANADO\",\"form\":{\"note\":\"poison drill\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        if (upload) {
            ApiClient.Response uploaded = gateway.upload("/api/documents", token,
                    Map.of("applicationId", id, "requirementCode", "LAMPIRAN"), "lampiran.pdf", "application/pdf",
                    "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        }
        ApiClient.Response submitted = gateway.post("/api/applications/" + id + "/submit", token, "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        return id;
    }

    private static ObjectNode copyFor(JsonNode event, String applicationId) {
        ObjectNode copy = (ObjectNode) event.deepCopy();
        copy.put("id", UUID.randomUUID().toString());
        copy.put("subject", applicationId);
        ((ObjectNode) copy.path("data")).put("applicationId", applicationId);
        return copy;
    }

    private static List<Drills.TopicEvent> deadLetters(String topic, String key) {
        return Drills.readTopic(Topics.deadLetterOf(topic)).stream().filter(e -> key.equals(e.key())).toList();
    }

    private static List<String> groups(List<Drills.TopicEvent> deadLetters) {
        return deadLetters.stream().map(Drills.TopicEvent::group).toList();
    }

    private static long deadLetterCount(JsonNode queues, String topic) {
        for (JsonNode t : queues.path("topics")) {
            if (t.path("name").asString().equals(topic)) {
                return t.path("deadLetter").path("count").asLong();
            }
        }
        return -1;
    }

    private static long lag(JsonNode queues, String topic, String group) {
        for (JsonNode t : queues.path("topics")) {
            if (t.path("name").asString().equals(topic)) {
                for (JsonNode g : t.path("consumerGroups")) {
                    if (g.path("groupId").asString().equals(group)) {
                        return g.path("lag").asLong();
                    }
                }
            }
        }
        return -1;
    }

    private static KafkaProducer<String, String> producer() {
        // The admin: the drill plays a broken producer of another service's topic.
        Map<String, Object> config = new java.util.HashMap<>(
                Drills.platform().kafkaClientProperties(org.satupintu.local.KafkaAccess.ADMIN));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}

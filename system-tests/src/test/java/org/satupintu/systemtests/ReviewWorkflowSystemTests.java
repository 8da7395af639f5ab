package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The review workflow through the gateway with real tokens, as API.md tells it: applicant, officer and supervisor
 * of SULUT-MANADO, and an officer of another office who must never see the file.
 */
class ReviewWorkflowSystemTests {

    private final Platform platform = RunningPlatform.get();
    private final ApiClient gateway = new ApiClient(platform.gatewayUrl());

    @Test
    void aPbgApplicationGoesFromDraftToIssuedAndAnotherOfficeNeverSeesIt() {
        String ani = RunningPlatform.token("ani");
        String budi = RunningPlatform.token("budi");
        String citra = RunningPlatform.token("citra");
        String dewi = RunningPlatform.token("dewi");

        ApiClient.Response created = gateway.post("/api/applications", ani, """
                {"permitTypeCode":"PBG","officeCode":"SULUT-MANADO",
                 "form":{"buildingFunction":"hunian","siteAddress":"Jl. Piere Tendean 5, Manado",
                         "landAreaM2":300,"buildingAreaM2":150,"floors":2,"landTitleNumber":"SHM 77"}}""",
                "Idempotency-Key", "sys-" + UUID.randomUUID());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        String path = "/api/applications/" + id;
        assertHidden(dewi, path);

        ApiClient.Response early = gateway.post(path + "/submit", ani, "");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().path("missingRequirements").toString()).contains("KTP");

        // document-service's facts, as it publishes them on upload.
        for (JsonNode item : created.json().path("checklist")) {
            if (item.path("mandatory").asBoolean()) {
                publishUploaded(id, item.path("requirementCode").asString());
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.get(path, ani).json().path("checklist")
                .findValues("documentId").stream().filter(JsonNode::isNull).count()
                == countOptional(created.json()));

        ApiClient.Response submitted = gateway.post(path + "/submit", ani, "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().path("registrationNumber").asString()).startsWith("REG-SULUT-MANADO-");
        assertHidden(dewi, path);
        assertThat(gateway.post(path + "/assign", dewi, "{}").status()).isEqualTo(404);

        ApiClient.Response assigned = gateway.post(path + "/assign", budi, "{}");
        assertThat(assigned.json().path("state").asString()).isEqualTo("UNDER_REVIEW");
        assertThat(assigned.json().path("assignee").asString()).isEqualTo("budi");

        ApiClient.Response revision = gateway.post(path + "/request-revision", budi,
                "{\"reason\":\"Gambar arsitektur tidak terbaca\"}");
        assertThat(revision.json().path("state").asString()).isEqualTo("REVISION_REQUESTED");

        String etag = gateway.get(path, ani).header("ETag");
        ApiClient.Response edited = gateway.send("PATCH", path, ani, "{\"form\":{\"floors\":3}}", "If-Match", etag);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("form").path("floors").asInt()).isEqualTo(3);
        ApiClient.Response stale = gateway.send("PATCH", path, ani, "{\"form\":{\"floors\":4}}", "If-Match", etag);
        assertThat(stale.status()).isEqualTo(412);

        ApiClient.Response resubmitted = gateway.post(path + "/submit", ani, "");
        assertThat(resubmitted.json().path("state").asString()).isEqualTo("SUBMITTED");
        assertThat(resubmitted.json().path("registrationNumber").asString())
                .isEqualTo(submitted.json().path("registrationNumber").asString());

        assertThat(gateway.post(path + "/assign", budi, "{}").status()).isEqualTo(200);
        assertThat(gateway.post(path + "/approve", budi, "{}").status()).isEqualTo(403);
        assertThat(gateway.post(path + "/approve", citra, "{}").status()).isEqualTo(409);
        ApiClient.Response recommended = gateway.post(path + "/recommend", budi, "{\"note\":\"Lengkap\"}");
        assertThat(recommended.json().path("state").asString()).isEqualTo("RECOMMENDED");

        ApiClient.Response issued = gateway.post(path + "/approve", citra, "{\"note\":\"Disetujui\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("state").asString()).isEqualTo("ISSUED");
        assertThat(issued.json().path("permitNumber").asString()).matches("PBG-SULUT-MANADO-20[0-9]{2}-[0-9]{6}");
        assertHidden(dewi, path);

        JsonNode history = gateway.get(path + "/history", ani).json();
        assertThat(history.findValuesAsString("action")).containsExactly("create", "submit", "assign",
                "request-revision", "edit", "resubmit", "assign", "recommend", "approve");
        assertThat(gateway.get(path + "/history", dewi).status()).isEqualTo(404);

        // The applicant hears about it in Bahasa Indonesia: in the app and by email.
        String registration = submitted.json().path("registrationNumber").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String inbox = gateway.get("/api/notifications?size=100", ani).body();
            return inbox.contains(id) && inbox.contains(EventTypes.APPLICATION_SUBMITTED)
                    && inbox.contains(EventTypes.APPLICATION_ISSUED);
        });
        JsonNode inbox = gateway.get("/api/notifications?size=100", ani).json();
        for (JsonNode notification : inbox.path("content")) {
            if (notification.path("applicationId").asString().equals(id)) {
                assertThat(notification.path("locale").asString()).isEqualTo("id");
                assertThat(notification.path("title").asString()).isNotBlank();
            }
        }
        assertThat(gateway.get("/api/notifications?size=100", dewi).body()).doesNotContain(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailMentions(registration));

        JsonNode stats = gateway.get("/api/applications/stats", citra).json();
        assertThat(stats.path("byState").path("ISSUED").asLong()).isPositive();
        assertThat(stats.path("offices").toString()).contains("SULUT-MANADO").doesNotContain("SULUT-BITUNG");
    }

    private boolean mailMentions(String text) {
        java.nio.file.Path dir = platform.config().workDir().resolve("mail");
        if (!java.nio.file.Files.isDirectory(dir)) {
            return false;
        }
        try (var files = java.nio.file.Files.list(dir)) {
            return files.anyMatch(f -> {
                try {
                    return java.nio.file.Files.readString(f).contains(text);
                }
                catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        catch (java.io.IOException e) {
            return false;
        }
    }

    private void assertHidden(String token, String path) {
        ApiClient.Response response = gateway.get(path, token);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static long countOptional(JsonNode application) {
        long optional = 0;
        for (JsonNode item : application.path("checklist")) {
            if (!item.path("mandatory").asBoolean()) {
                optional++;
            }
        }
        return optional;
    }

    private void publishUploaded(String applicationId, String requirementCode) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/satupintu/document-service","type":"%s",
                 "subject":"%s","time":"2026-11-27T10:00:00Z","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","officeCode":"SULUT-MANADO","permitTypeCode":"PBG","state":"DRAFT",
                         "documentId":"%s","requirementCode":"%s","kind":"UPLOAD"}}"""
                .formatted(UUID.randomUUID(), EventTypes.DOCUMENT_UPLOADED, applicationId, applicationId,
                        "doc-" + UUID.randomUUID(), requirementCode);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", platform.kafkaBootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, applicationId, event)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The review workflow through the gateway with real tokens, as API.md tells it: applicant, officer and supervisor
 * of SULUT-MANADO, and an officer of another office who must never see the file; then the permit's levy paid by the
 * office's treasury system, and its revocation.
 */
class ReviewWorkflowSystemTests {

    private final Platform platform = RunningPlatform.get();
    private final ApiClient gateway = new ApiClient(platform.gatewayUrl());

    @Test
    void aPbgApplicationGoesFromDraftThroughItsLevyToIssuedAndRevokedAndAnotherOfficeNeverSeesIt() {
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

        // Real uploads through the gateway; document-service tells application-service through Kafka.
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        ApiClient.Response disguised = gateway.upload("/api/documents", ani,
                Map.of("applicationId", id, "requirementCode", "KTP"), "ktp.pdf", "application/pdf",
                "MZ\u0090\u0000 this is a program".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(disguised.status()).as(disguised.body()).isEqualTo(415);
        for (JsonNode item : created.json().path("checklist")) {
            if (item.path("mandatory").asBoolean()) {
                String code = item.path("requirementCode").asString();
                ApiClient.Response uploaded = gateway.upload("/api/documents", ani,
                        Map.of("applicationId", id, "requirementCode", code), code.toLowerCase() + ".pdf",
                        "application/pdf", pdf);
                assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            }
        }
        assertThat(gateway.upload("/api/documents", dewi, Map.of("applicationId", id, "requirementCode", "NPWP"),
                "npwp.pdf", "application/pdf", pdf).status()).isEqualTo(404);
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
        // PBG's levy (retribusi) is assessed per application, before the recommendation.
        ApiClient.Response unassessed = gateway.post(path + "/recommend", budi, "{\"note\":\"Lengkap\"}");
        assertThat(unassessed.status()).as(unassessed.body()).isEqualTo(422);
        assertThat(unassessed.json().path("code").asString()).isEqualTo("levy-not-assessed");
        ApiClient.Response assessed = gateway.post(path + "/assess-levy", budi,
                "{\"amountIdr\":12450000,\"basis\":\"150 m2 x SHST Rp 1.660.000 x indeks terintegrasi 0,05\"}");
        assertThat(assessed.status()).as(assessed.body()).isEqualTo(200);
        assertThat(assessed.json().path("levy").path("amountIdr").asLong()).isEqualTo(12_450_000L);
        ApiClient.Response recommended = gateway.post(path + "/recommend", budi, "{\"note\":\"Lengkap\"}");
        assertThat(recommended.json().path("state").asString()).isEqualTo("RECOMMENDED");

        ApiClient.Response approved = gateway.post(path + "/approve", citra, "{\"note\":\"Disetujui\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("state").asString()).isEqualTo("AWAITING_PAYMENT");
        assertThat(approved.json().path("permitNumber").isNull()).isTrue();
        String billingCode = approved.json().path("levy").path("billingCode").asString();
        assertThat(billingCode).matches("[0-9]{13}");
        assertThat(approved.json().path("levy").path("dueAt").asString()).isNotBlank();

        // The applicant's levy notice names the billing code.
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.get("/api/notifications?size=100", ani).body()
                .contains(billingCode));

        // The treasury's system of the office pays: a wrong amount is refused, the right one issues the permit, the
        // same payment again answers the same and changes nothing; another office's system does not see the bill.
        String manado = RunningPlatform.clientToken("office-sulut-manado", "dev-secret-manado");
        String bitung = RunningPlatform.clientToken("office-sulut-bitung", "dev-secret-bitung");
        String payment = "{\"billingCode\":\"" + billingCode + "\",\"amountIdr\":%d,\"paidAt\":\""
                + java.time.Instant.now().minusSeconds(60) + "\",\"reference\":\"BSG-" + id + "\"}";
        ApiClient.Response wrongAmount = gateway.post(path + "/payments", manado, payment.formatted(12_000_000));
        assertThat(wrongAmount.status()).as(wrongAmount.body()).isEqualTo(422);
        assertThat(wrongAmount.json().path("code").asString()).isEqualTo("amount-mismatch");
        assertThat(gateway.post(path + "/payments", bitung, payment.formatted(12_450_000)).status()).isEqualTo(404);
        assertThat(gateway.post(path + "/payments", citra, payment.formatted(12_450_000)).status()).isEqualTo(403);
        ApiClient.Response issued = gateway.post(path + "/payments", manado, payment.formatted(12_450_000));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("state").asString()).isEqualTo("ISSUED");
        assertThat(issued.json().path("permitNumber").asString()).matches("PBG-SULUT-MANADO-20[0-9]{2}-[0-9]{6}");
        assertThat(issued.json().path("validUntil").isNull()).isTrue();
        ApiClient.Response again = gateway.post(path + "/payments", manado, payment.formatted(12_450_000));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("permitNumber").asString()).isEqualTo(issued.json().path("permitNumber")
                .asString());
        assertThat(again.json().path("version").asLong()).isEqualTo(issued.json().path("version").asLong());
        assertHidden(dewi, path);

        JsonNode history = gateway.get(path + "/history", ani).json();
        assertThat(history.findValuesAsString("action")).containsExactly("create", "submit", "assign",
                "request-revision", "edit", "resubmit", "assign", "assess-levy", "recommend", "approve", "payment");
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

        // The certificate beside the SKRD and the receipt: the applicant downloads it, anyone verifies it.
        String permitNumber = issued.json().path("permitNumber").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String documents = gateway.get("/api/documents?applicationId=" + id, ani).body();
            return documents.contains("CERTIFICATE") && documents.contains("LEVY_ASSESSMENT")
                    && documents.contains("RECEIPT");
        });
        String certificateId = null;
        for (JsonNode document : gateway.get("/api/documents?applicationId=" + id, ani).json()) {
            if (document.path("kind").asString().equals("CERTIFICATE")) {
                certificateId = document.path("id").asString();
            }
        }
        byte[] certificate = gateway.download("/api/documents/" + certificateId + "/content", ani);
        assertThat(new String(certificate, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        ApiClient.Response verification = gateway.get("/api/public/permits/" + permitNumber, null);
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        assertThat(verification.json().path("status").asString()).isEqualTo("VALID");
        assertThat(verification.json().path("officeCode").asString()).isEqualTo("SULUT-MANADO");
        assertThat(verification.json().path("certificateSha256").asString()).isEqualTo(sha256(certificate));
        assertThat(gateway.get("/api/public/permits/PBG-SULUT-MANADO-2026-999999", null).status()).isEqualTo(404);

        JsonNode stats = gateway.get("/api/applications/stats", citra).json();
        assertThat(stats.path("byState").path("ISSUED").asLong()).isPositive();
        assertThat(stats.path("offices").toString()).contains("SULUT-MANADO").doesNotContain("SULUT-BITUNG");
        assertThat(stats.path("levies").path("paidIdr").asLong()).isGreaterThanOrEqualTo(12_450_000L);

        // Revocation: not the officer, not another office's supervisor; the office's supervisor, with a reason.
        String revoke = "{\"reason\":\"Bangunan tidak sesuai PBG (hasil inspeksi)\"}";
        assertThat(gateway.post(path + "/revoke", budi, revoke).status()).isEqualTo(403);
        assertThat(gateway.post(path + "/revoke", RunningPlatform.token("fajar"), revoke).status()).isEqualTo(404);
        ApiClient.Response revoked = gateway.post(path + "/revoke", citra, revoke);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("state").asString()).isEqualTo("REVOKED");
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway.get("/api/public/permits/" + permitNumber, null)
                .json().path("status").asString().equals("REVOKED"));
        assertThat(java.time.Instant.parse(gateway.get("/api/public/permits/" + permitNumber, null).json()
                .path("revokedAt").asString())).isEqualTo(java.time.Instant.parse(revoked.json().path("revocation")
                        .path("at").asString()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
}

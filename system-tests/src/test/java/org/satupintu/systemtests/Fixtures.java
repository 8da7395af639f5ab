package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Test data made only through the public API, the way clients make it: a permit type of the test catalog with no
 * mandatory document (so an application can be submitted at once), applications in every state, documents,
 * notifications and webhook subscriptions. Every method makes a new one.
 */
final class Fixtures {

    static final String OFFICE = "SULUT-MANADO";
    /** A catalog entry created by an admin for the system tests: one required text field, one optional document. */
    static final String TYPE = "UJI_AKSES";
    static final String REQUIREMENT = "LAMPIRAN";
    /** The same form, with a levy the officer assesses and a validity of one month (so it is renewable at once). */
    static final String LEVY_TYPE = "UJI_RETRIBUSI";
    static final long LEVY_IDR = 2_500_000;
    static final long REQUIREMENT_MAX_BYTES = 256 * 1024;
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** Webhooks of the tests subscribe to an event that cannot happen while they run (an SLA of days). */
    static final String QUIET_EVENT = "satupintu.application.sla-breached.v1";

    private static boolean catalogReady;

    private final ApiClient api;

    Fixtures(ApiClient api) {
        this.api = api;
        ensureCatalogType(api);
    }

    /** A permit type for the tests, as an admin would add one (JSON of {@code POST /api/permit-types}). */
    static String permitTypeJson(String code) {
        return """
                {"code":"%s","name":{"id":"Izin uji akses","en":"Access test permit"},
                 "description":{"id":"Jenis izin untuk uji sistem","en":"Permit type for the system tests"},
                 "slaWorkingDays":10,"feeIdr":0,"active":true,
                 "formFields":[
                   {"key":"kegiatan","label":{"id":"Kegiatan","en":"Activity"},"type":"text","required":true},
                   {"key":"jumlah","label":{"id":"Jumlah","en":"Count"},"type":"number","required":false},
                   {"key":"tanggalMulai","label":{"id":"Tanggal mulai","en":"Start date"},"type":"date","required":false},
                   {"key":"setuju","label":{"id":"Setuju","en":"Agreed"},"type":"boolean","required":false}],
                 "requirements":[
                   {"code":"LAMPIRAN","name":{"id":"Lampiran","en":"Attachment"},"mandatory":false,
                    "contentTypes":["application/pdf","image/png","image/jpeg"],"maxSizeBytes":%d}]}"""
                .formatted(code, REQUIREMENT_MAX_BYTES);
    }

    static synchronized void ensureCatalogType(ApiClient api) {
        if (catalogReady) {
            return;
        }
        ApiClient.Response created = api.post("/api/permit-types", Persona.ADMIN.token(), permitTypeJson(TYPE));
        assertThat(created.status()).as(created.body()).isIn(201, 409);
        ApiClient.Response levied = api.post("/api/permit-types", Persona.ADMIN.token(), levyTypeJson(LEVY_TYPE));
        assertThat(levied.status()).as(levied.body()).isIn(201, 409);
        catalogReady = true;
    }

    static String levyTypeJson(String code) {
        return permitTypeJson(code).replace("\"active\":true,",
                "\"active\":true,\"validityMonths\":1,\"levy\":{\"kind\":\"ASSESSED\"},");
    }

    static String applicationJson(String office) {
        return applicationJson(TYPE, office);
    }

    static String applicationJson(String type, String office) {
        return """
                {"permitTypeCode":"%s","officeCode":"%s","form":{"kegiatan":"Pameran UMKM di Boulevard"},
                 "applicant":{"name":"Yohanis Walangitan","email":"yohanis@example.id","phone":"+6281234567890"}}"""
                .formatted(type, office);
    }

    /** A DRAFT of the given applicant (a demo user) in SULUT-MANADO. */
    JsonNode draft(Persona applicant) {
        return draft(TYPE, applicant);
    }

    JsonNode draft(String type, Persona applicant) {
        return created(api.post("/api/applications", applicant.token(), applicationJson(type, OFFICE),
                "Idempotency-Key", "fx-" + UUID.randomUUID()));
    }

    /** Of the levy type: SUBMITTED by the applicant, then taken by budi (the levy not yet assessed). */
    JsonNode levyUnderReview(Persona applicant) {
        return act(Persona.OFFICER, act(applicant, draft(LEVY_TYPE, applicant), "submit", ""), "assign", "{}");
    }

    /** Of the levy type: assessed by budi, recommended, approved by citra: billed, AWAITING_PAYMENT. */
    JsonNode awaitingPayment(Persona applicant) {
        JsonNode assessed = act(Persona.OFFICER, levyUnderReview(applicant), "assess-levy",
                "{\"amountIdr\":" + LEVY_IDR + ",\"basis\":\"Tarif uji\"}");
        JsonNode recommended = act(Persona.OFFICER, assessed, "recommend", "{\"note\":\"Lengkap\"}");
        return act(Persona.SUPERVISOR, recommended, "approve", "{\"note\":\"Disetujui\"}");
    }

    JsonNode awaitingPayment() {
        return awaitingPayment(Persona.OWNER);
    }

    /** A payment report of the office's treasury for an application awaiting payment. */
    static String paymentJson(JsonNode application, long amount, String reference) {
        return "{\"billingCode\":\"" + application.path("levy").path("billingCode").asString() + "\",\"amountIdr\":"
                + amount + ",\"paidAt\":\"" + java.time.Instant.now().minusSeconds(30) + "\",\"reference\":\""
                + reference + "\"}";
    }

    /** Of the levy type, paid by SULUT-MANADO's system: ISSUED, valid one month, so renewable at once. */
    JsonNode renewable() {
        return renewable(Persona.OWNER);
    }

    JsonNode renewable(Persona applicant) {
        JsonNode billed = awaitingPayment(applicant);
        return act(Persona.INTEGRATION, billed, "payments", paymentJson(billed, LEVY_IDR,
                "BSG-" + billed.path("id").asString()));
    }

    /** A DRAFT filed by SULUT-MANADO's office system for a walk-in applicant. */
    JsonNode walkIn() {
        return created(api.post("/api/applications", Persona.INTEGRATION.token(), applicationJson(OFFICE)));
    }

    JsonNode submitted(Persona applicant) {
        return act(applicant, draft(applicant), "submit", "");
    }

    /** SUBMITTED, then taken by budi: UNDER_REVIEW with budi as assignee. */
    JsonNode underReview() {
        return act(Persona.OFFICER, submitted(Persona.OWNER), "assign", "{}");
    }

    JsonNode recommended() {
        return act(Persona.OFFICER, underReview(), "recommend", "{\"note\":\"Lengkap\"}");
    }

    /** ISSUED, once the certificate is verifiable in public. */
    JsonNode issued() {
        JsonNode issued = act(Persona.SUPERVISOR, recommended(), "approve", "{\"note\":\"Disetujui\"}");
        String permit = issued.path("permitNumber").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/public/permits/" + permit, null).status() == 200);
        return issued;
    }

    JsonNode act(Persona who, JsonNode application, String action, String body) {
        ApiClient.Response response = api.post("/api/applications/" + application.path("id").asString() + "/"
                + action, who.token(), body);
        assertThat(response.status()).as(action + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    /** An uploaded PDF of the application, by its owner (or office system for a walk-in). */
    JsonNode document(Persona owner, String applicationId) {
        ApiClient.Response uploaded = upload(owner, applicationId, "lampiran.pdf", PDF);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json();
    }

    ApiClient.Response upload(Persona who, String applicationId, String filename, byte[] content) {
        return api.upload("/api/documents", who.token(), Map.of("applicationId", applicationId, "requirementCode",
                REQUIREMENT), filename, "application/pdf", content);
    }

    /** Waits until application-service has put the document on the checklist (it learns of it from Kafka). */
    void awaitOnChecklist(Persona reader, String applicationId, String documentId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/applications/" + applicationId,
                reader.token()).body().contains(documentId));
    }

    /** The in-app notification the applicant got about the application (e.g. its submission). */
    JsonNode notificationOf(Persona applicant, String applicationId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode n : api.get("/api/notifications?unread=true&size=100", applicant.token()).json()
                    .path("content")) {
                if (n.path("applicationId").asString().equals(applicationId)) {
                    found[0] = n;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** A webhook subscription of SULUT-MANADO, made by its office system. */
    JsonNode webhook() {
        return created(api.post("/api/webhooks", Persona.INTEGRATION.token(), webhookJson(OFFICE)));
    }

    static String webhookJson(String office) {
        return "{\"url\":\"http://127.0.0.1:9/satupintu-test\",\"eventTypes\":[\"" + QUIET_EVENT
                + "\"],\"officeCode\":\"" + office + "\"}";
    }

    private static JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}

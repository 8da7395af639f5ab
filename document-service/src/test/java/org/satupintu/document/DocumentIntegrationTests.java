package org.satupintu.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * document-service end to end on real infrastructure: real Keycloak tokens (document-service's own client too), a
 * real Kafka broker feeding the projection, the MongoDB-wire store with GridFS, and a stub of application-service
 * for permit-type rules, the fallback lookup and issuance confirmation. The context is closed after the class: a
 * cached one of another class would share the consumer group and take some of the partitions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DocumentIntegrationTests {

    static final ApplicationServiceStub STUB = ApplicationServiceStub.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        // Two instances, the first one down (connection refused): every call must reach the stub anyway, as with
        // a replica of application-service killed (calls take turns and a refused connection tries the next one).
        registry.add("satupintu.application-service.url", () -> "http://127.0.0.1:1," + STUB.url());
        registry.add("satupintu.outbox.poll-interval", () -> "200ms");
        registry.add("satupintu.certificate.public-base-url", () -> "https://izin.example.go.id");
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    String base() {
        return "http://127.0.0.1:" + port;
    }

    ApiClient api() {
        return new ApiClient(base());
    }

    static String ani() {
        return Tokens.password("ani");
    }

    /** A PBG application of ani's in SULUT-MANADO, in the projection in the given state. */
    String projectedApplication(String state) {
        return projectedApplication(state, Uploads.subjectOf(ani()));
    }

    String projectedApplication(String state, String applicantId) {
        String id = "app-" + UUID.randomUUID();
        ApplicationEventMother.publish(EventTypes.APPLICATION_CREATED, id, applicantId, "DRAFT",
                Instant.now().minusSeconds(5), null);
        if (!state.equals("DRAFT")) {
            ApplicationEventMother.publish(EventTypes.APPLICATION_SUBMITTED, id, applicantId, state,
                    Instant.now(), null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            org.bson.Document projected = mongo.findById(id, org.bson.Document.class, "application_projection");
            return projected != null && state.equals(projected.getString("state"));
        });
        return id;
    }

    ApiClient.Response uploadPdf(String token, String applicationId, String requirement, long size)
            throws Exception {
        return Uploads.upload(base(), token, applicationId, requirement, "ktp.pdf", "application/pdf",
                Uploads.pdfFile(size));
    }

    long chunks() {
        return mongo.getCollection("fs.chunks").countDocuments();
    }

    @Test
    void aLargeUploadRoundTripsWithTheSameSha256AndPublishesUploaded() throws Exception {
        String id = projectedApplication("DRAFT");
        Path file = Uploads.pdfFile(40L * 1024 * 1024);
        ApiClient.Response created = Uploads.upload(base(), ani(), id, "KTP", "../../etc/KTP\u0007 scan.pdf",
                "application/octet-stream", file);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode doc = created.json();
        String sha = Uploads.sha256(file);
        assertThat(doc.path("sha256").asString()).isEqualTo(sha);
        assertThat(doc.path("size").asLong()).isEqualTo(40L * 1024 * 1024);
        assertThat(doc.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(doc.path("kind").asString()).isEqualTo("UPLOAD");
        assertThat(doc.path("filename").asString()).isEqualTo("KTP scan.pdf");
        assertThat(doc.path("uploadedBy").asString()).isEqualTo("ani");
        assertThat(created.header("Location")).isEqualTo("/api/documents/" + doc.path("id").asString());

        Uploads.Download download = Uploads.download(base(), ani(),
                "/api/documents/" + doc.path("id").asString() + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.sha256()).isEqualTo(sha);
        assertThat(download.response().headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(download.response().headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("KTP scan.pdf");
        assertThat(download.response().headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
        assertThat(download.response().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        List<JsonNode> events = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.DOCUMENT_EVENTS, e -> e.path("subject").asString().equals(id)
                        && e.path("type").asString().equals(EventTypes.DOCUMENT_UPLOADED), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        JsonNode data = events.get(0).path("data");
        assertThat(data.path("applicationId").asString()).isEqualTo(id);
        assertThat(data.path("documentId").asString()).isEqualTo(doc.path("id").asString());
        assertThat(data.path("requirementCode").asString()).isEqualTo("KTP");
        assertThat(data.path("kind").asString()).isEqualTo("UPLOAD");
        assertThat(data.path("officeCode").asString()).isEqualTo("SULUT-MANADO");
        assertThat(data.path("permitTypeCode").asString()).isEqualTo("PBG");
        assertThat(data.path("state").asString()).isEqualTo("DRAFT");
        assertThat(data.path("sha256").asString()).isEqualTo(sha);
        assertThat(events.get(0).path("source").asString()).isEqualTo("/satupintu/document-service");
    }

    @Test
    void anExecutableRenamedToPdfIsUnsupported() throws Exception {
        String id = projectedApplication("DRAFT");
        byte[] mz = new byte[4096];
        mz[0] = 'M';
        mz[1] = 'Z';
        mz[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, mz, 0x80, 4);
        Path exe = Files.createTempFile("setup", ".pdf");
        Files.write(exe, mz);
        long before = chunks();
        ApiClient.Response refused = Uploads.upload(base(), ani(), id, "KTP", "invoice.pdf", "application/pdf", exe);
        assertThat(refused.status()).as(refused.body()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asString()).isEqualTo("unsupported-type");
        assertThat(chunks()).isEqualTo(before);
    }

    @Test
    void anOversizeFileIsTooLargeAndLeavesNoChunks() throws Exception {
        String id = projectedApplication("DRAFT");
        long before = chunks();
        long filesBefore = mongo.getCollection("fs.files").countDocuments();
        ApiClient.Response refused = uploadPdf(ani(), id, "SMALL", 3L * 1024 * 1024 / 2);
        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asString()).isEqualTo("too-large");
        assertThat(chunks()).isEqualTo(before);
        assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(filesBefore);
        assertThat(api().get("/api/documents?applicationId=" + id, ani()).json()).isEmpty();
    }

    @Test
    void anEmptyFileIsABadRequest() throws Exception {
        String id = projectedApplication("DRAFT");
        ApiClient.Response refused = Uploads.upload(base(), ani(), id, "KTP", "empty.pdf", "application/pdf",
                Files.createTempFile("empty", ".pdf"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("empty-file");
    }

    @Test
    void aRangeRequestGetsPartialContent() throws Exception {
        String id = projectedApplication("DRAFT");
        Path file = Uploads.pdfFile(600_000);
        ApiClient.Response created = Uploads.upload(base(), ani(), id, "KTP", "ktp.pdf", "application/pdf", file);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/api/documents/" + created.json().path("id").asString() + "/content";
        byte[] all = Files.readAllBytes(file);

        // Across a GridFS chunk border (255 KiB).
        Uploads.Download part = Uploads.download(base(), ani(), path, "Range", "bytes=261000-261999");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.size()).isEqualTo(1000);
        assertThat(part.response().headers().firstValue("Content-Range")).hasValue("bytes 261000-261999/600000");
        assertThat(part.sha256()).isEqualTo(sha(java.util.Arrays.copyOfRange(all, 261000, 262000)));

        Uploads.Download tail = Uploads.download(base(), ani(), path, "Range", "bytes=599000-");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.sha256()).isEqualTo(sha(java.util.Arrays.copyOfRange(all, 599000, 600000)));

        assertThat(Uploads.download(base(), ani(), path, "Range", "bytes=700000-").status()).isEqualTo(416);
        String etag = part.response().headers().firstValue("ETag").orElseThrow();
        assertThat(Uploads.download(base(), ani(), path, "If-None-Match", etag).status()).isEqualTo(304);
    }

    @Test
    void documentsAreVisibleToTheOwnerAndTheOfficeOnly() throws Exception {
        String id = projectedApplication("DRAFT");
        ApiClient.Response created = uploadPdf(ani(), id, "KTP", 10_000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String doc = "/api/documents/" + created.json().path("id").asString();

        assertThat(api().get(doc, ani()).status()).isEqualTo(200);
        assertThat(api().get(doc, Tokens.password("budi")).status()).isEqualTo(200);
        assertThat(api().get(doc, Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado")).status())
                .isEqualTo(200);
        assertThat(api().get(doc, Tokens.password("adi")).status()).isEqualTo(200);
        ApiClient.Response eko = api().get(doc, Tokens.password("eko"));
        assertThat(eko.status()).isEqualTo(404);
        assertThat(eko.contentType()).startsWith("application/problem+json");
        assertThat(api().get(doc, Tokens.password("dewi")).status()).isEqualTo(404);
        assertThat(api().get(doc + "/content", Tokens.password("dewi")).status()).isEqualTo(404);

        assertThat(api().get("/api/documents?applicationId=" + id, ani()).json()).hasSize(1);
        assertThat(api().get("/api/documents?applicationId=" + id, Tokens.password("budi")).json()).hasSize(1);
        assertThat(api().get("/api/documents?applicationId=" + id, Tokens.password("eko")).json()).isEmpty();
        assertThat(api().get("/api/documents?applicationId=" + id, Tokens.password("dewi")).json()).isEmpty();

        // Neither another applicant nor another office may upload; the office's officer and its system (which only
        // reads a citizen's own file) may not either.
        assertThat(uploadPdf(Tokens.password("eko"), id, "KTP", 1000).status()).isEqualTo(404);
        assertThat(uploadPdf(Tokens.password("dewi"), id, "KTP", 1000).status()).isEqualTo(404);
        assertThat(uploadPdf(Tokens.password("budi"), id, "KTP", 1000).status()).isEqualTo(403);
        assertThat(uploadPdf(Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado"), id, "KTP", 1000)
                .status()).isEqualTo(403);
    }

    @Test
    void aFileNameWithANulByteIsSanitisedNotAServerError() throws Exception {
        String id = projectedApplication("DRAFT");
        ApiClient.Response created = Uploads.upload(base(), ani(), id, "KTP", "ktp.pdf\u0000.exe", "application/pdf",
                Uploads.pdfFile(1000));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("filename").asString()).isEqualTo("ktp.pdf.exe");
    }

    @Test
    void theOfficeSystemManagesTheDocumentsOfTheWalkInApplicationsItFiled() throws Exception {
        String id = projectedApplication("DRAFT", "walk-in:" + UUID.randomUUID());
        String manado = Tokens.clientCredentials("office-sulut-manado", "dev-secret-manado");
        ApiClient.Response created = uploadPdf(manado, id, "KTP", 1000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(uploadPdf(ani(), id, "KTP", 1000).status()).isEqualTo(404);
        assertThat(uploadPdf(Tokens.password("budi"), id, "KTP", 1000).status()).isEqualTo(403);
        assertThat(api().send("DELETE", "/api/documents/" + created.json().path("id").asString(), manado, null)
                .status()).isEqualTo(204);
    }

    @Test
    void documentsChangeOnlyWhileTheApplicationIsEditable() throws Exception {
        String id = projectedApplication("DRAFT");
        ApiClient.Response created = uploadPdf(ani(), id, "KTP", 10_000);
        String doc = "/api/documents/" + created.json().path("id").asString();
        ApplicationEventMother.publish(EventTypes.APPLICATION_SUBMITTED, id, Uploads.subjectOf(ani()),
                "SUBMITTED", Instant.now(), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUBMITTED".equals(
                mongo.findById(id, org.bson.Document.class, "application_projection").getString("state")));

        ApiClient.Response late = uploadPdf(ani(), id, "KTP", 1000);
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.json().path("code").asString()).isEqualTo("not-editable");
        assertThat(api().send("DELETE", doc, ani(), null).status()).isEqualTo(409);

        ApplicationEventMother.publish(EventTypes.APPLICATION_REVISION_REQUESTED, id,
                Uploads.subjectOf(ani()), "REVISION_REQUESTED", Instant.now().plusMillis(10), null);
        await().atMost(Duration.ofSeconds(30)).until(() -> api().send("DELETE", doc, ani(), null).status() == 204);
        assertThat(api().get(doc, ani()).status()).isEqualTo(404);
        assertThat(EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(), Topics.DOCUMENT_EVENTS,
                e -> e.path("subject").asString().equals(id)
                        && e.path("type").asString().equals(EventTypes.DOCUMENT_REMOVED), 1, Duration.ofSeconds(20)))
                .hasSize(1);
    }

    @Test
    void aFormThatSendsTheFileFirstIsCheckedWhenItsFieldsArrive() throws Exception {
        String id = projectedApplication("DRAFT");
        Path pdf = Uploads.pdfFile(20_000);
        ApiClient.Response created = Uploads.uploadFileFirst(base(), ani(), id, "KTP", pdf);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("sha256").asString()).isEqualTo(Uploads.sha256(pdf));

        long before = chunks();
        ApiClient.Response tooBig = Uploads.uploadFileFirst(base(), ani(), id, "SMALL",
                Uploads.pdfFile(3L * 1024 * 1024 / 2));
        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
        ApiClient.Response notVisible = Uploads.uploadFileFirst(base(), Tokens.password("eko"), id, "KTP", pdf);
        assertThat(notVisible.status()).as(notVisible.body()).isEqualTo(404);
        assertThat(chunks()).isEqualTo(before);
    }

    /**
     * A form whose fields are malformed, name no requirement of the permit type, or an application the caller may
     * not change is refused with problem JSON, in either order of its parts, and leaves nothing behind: no GridFS
     * file or chunk, no document record, no temporary file of a parked part.
     */
    @Test
    void aBadFormFieldLeavesNothingStoredWhicheverPartComesFirst() throws Exception {
        String id = projectedApplication("DRAFT");
        Path pdf = Uploads.pdfFile(300_000);
        record Bad(String applicationId, String requirementCode, String token, int status) {
        }
        List<Bad> cases = List.of(
                new Bad("../../etc/passwd", "KTP", ani(), 400),
                new Bad(id, "ktp; drop", ani(), 400),
                new Bad(id, "", ani(), 400),
                new Bad(id, "NO_SUCH_REQUIREMENT", ani(), 422),
                new Bad("unknown-" + UUID.randomUUID(), "KTP", ani(), 404),
                new Bad(id, "KTP", Tokens.password("eko"), 404),
                new Bad(id, "KTP", Tokens.password("budi"), 403));
        long chunks = chunks();
        long files = mongo.getCollection("fs.files").countDocuments();
        long documents = mongo.getCollection("documents").countDocuments();
        for (Bad bad : cases) {
            for (boolean fileFirst : List.of(false, true)) {
                ApiClient.Response refused = fileFirst
                        ? Uploads.uploadFileFirst(base(), bad.token(), bad.applicationId(), bad.requirementCode(), pdf)
                        : Uploads.upload(base(), bad.token(), bad.applicationId(), bad.requirementCode(), "ktp.pdf",
                                "application/pdf", pdf);
                String what = bad + (fileFirst ? " (file first)" : " (fields first)");
                assertThat(refused.status()).as(what + ": " + refused.body()).isEqualTo(bad.status());
                assertThat(refused.contentType()).as(what).startsWith("application/problem+json");
                assertThat(refused.json().path("status").asInt()).as(what).isEqualTo(bad.status());
            }
        }
        assertThat(chunks()).isEqualTo(chunks);
        assertThat(mongo.getCollection("fs.files").countDocuments()).isEqualTo(files);
        assertThat(mongo.getCollection("documents").countDocuments()).isEqualTo(documents);
        assertThat(api().get("/api/documents?applicationId=" + id, ani()).json()).isEmpty();
        try (var parked = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(parked.filter(f -> f.getFileName().toString().startsWith("satupintu-upload-")))
                    .as("parked file parts are deleted").isEmpty();
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstUpload() throws Exception {
        String id = projectedApplication("DRAFT");
        Path file = Uploads.pdfFile(300_000);
        String key = "upload-" + UUID.randomUUID();
        ApiClient.Response first = Uploads.upload(base(), ani(), id, "KTP", "ktp.pdf", "application/pdf", file,
                "Idempotency-Key", key);
        ApiClient.Response retry = Uploads.upload(base(), ani(), id, "KTP", "ktp.pdf", "application/pdf", file,
                "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(api().get("/api/documents?applicationId=" + id, ani()).json()).hasSize(1);
    }

    @Test
    void anApplicationTheProjectionHasNotSeenIsLookedUpInApplicationService() throws Exception {
        String id = "fresh-" + UUID.randomUUID();
        STUB.application(id, Uploads.subjectOf(ani()), "DRAFT");
        ApiClient.Response created = uploadPdf(ani(), id, "KTP", 5000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(STUB.applicationCalls()).isPositive();

        ApiClient.Response unknown = uploadPdf(ani(), "nobody-" + UUID.randomUUID(), "KTP", 5000);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        ApiClient.Response badRequirement = uploadPdf(ani(), id, "NOPE", 5000);
        assertThat(badRequirement.status()).as(badRequirement.body()).isEqualTo(422);
    }

    @Test
    void anIssuedPermitGetsOneSignedCertificateThatThePublicCanVerify() throws Exception {
        String id = "app-" + UUID.randomUUID();
        String aniId = Uploads.subjectOf(ani());
        String permitNumber = permitNumber();
        ApplicationEventMother.publish(EventTypes.APPLICATION_CREATED, id, aniId, "DRAFT",
                Instant.now().minusSeconds(60), null);
        STUB.issued(id, aniId, permitNumber, "ISSUED");
        int confirmationsBefore = STUB.issuanceCalls();
        String issued = ApplicationEventMother.event(UUID.randomUUID().toString(), EventTypes.APPLICATION_ISSUED, id,
                aniId, "ISSUED", Instant.now(), permitNumber);
        ApplicationEventMother.send(id, issued);
        ApplicationEventMother.send(id, issued);
        ApplicationEventMother.publish(EventTypes.APPLICATION_ISSUED, id, aniId, "ISSUED",
                Instant.now().plusMillis(5), permitNumber);

        List<JsonNode> generated = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.DOCUMENT_EVENTS, e -> e.path("subject").asString().equals(id)
                        && e.path("type").asString().equals(EventTypes.CERTIFICATE_GENERATED), 2,
                Duration.ofSeconds(20));
        assertThat(generated).hasSize(1);
        // Every issued event was confirmed with application-service (with document-service's own token).
        assertThat(STUB.issuanceCalls() - confirmationsBefore).isGreaterThanOrEqualTo(3);
        assertThat(generated.get(0).path("data").path("kind").asString()).isEqualTo("CERTIFICATE");
        assertThat(generated.get(0).path("data").path("permitNumber").asString()).isEqualTo(permitNumber);
        assertThat(mongo.count(Query.query(Criteria.where("applicationId").is(id).and("kind").is("CERTIFICATE")),
                "documents")).isEqualTo(1);

        JsonNode list = api().get("/api/documents?applicationId=" + id, ani()).json();
        assertThat(list).hasSize(1);
        JsonNode certificate = list.get(0);
        assertThat(certificate.path("id").asString()).isEqualTo("cert-" + id);
        assertThat(certificate.path("kind").asString()).isEqualTo("CERTIFICATE");
        assertThat(certificate.path("contentType").asString()).isEqualTo("application/pdf");

        byte[] pdf = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base() + "/api/documents/cert-" + id + "/content"))
                .header("Authorization", "Bearer " + ani()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(sha(pdf)).isEqualTo(certificate.path("sha256").asString());
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(permitNumber, "SERTIFIKAT IZIN", "Permit Certificate", "Ani Suryani",
                    "SULUT-MANADO", "PBG", "https://izin.example.go.id/verify/" + permitNumber);
        }

        ApiClient.Response verified = api().get("/api/public/permits/" + permitNumber, null);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode body = verified.json();
        assertThat(body.path("permitNumber").asString()).isEqualTo(permitNumber);
        assertThat(body.path("permitType").asString()).isEqualTo("PBG");
        assertThat(body.path("holder").asString()).isEqualTo("A** S******");
        assertThat(body.path("officeCode").asString()).isEqualTo("SULUT-MANADO");
        assertThat(body.path("status").asString()).isEqualTo("VALID");
        assertThat(body.path("issuedAt").asString()).isNotBlank();
        assertThat(body.path("certificateSha256").asString()).isEqualTo(sha(pdf));
        assertThat(body.path("signature").path("algorithm").asString()).isEqualTo("SHA256withRSA");
        assertThat(body.path("signature").path("valid").asBoolean()).isTrue();
        assertThat(body.path("signature").path("embedded").asString()).isEqualTo("PAdES-B-B");
        assertThat(body.path("signature").path("embeddedValid").asBoolean()).isTrue();
        try (var document = Loader.loadPDF(pdf)) {
            var embedded = document.getLastSignatureDictionary();
            assertThat(embedded.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(embedded.getByteRange()[2] + embedded.getByteRange()[3]).isEqualTo(pdf.length);
        }

        // Anyone can check the signature offline with the published key.
        String keyId = body.path("signature").path("keyId").asString();
        JsonNode key = api().get("/api/public/signing-keys/" + keyId, null).json();
        var publicKey = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getMimeDecoder().decode(key
                        .path("publicKeyPem").asString().replaceAll("-----[A-Z ]+-----", ""))));
        var verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(pdf);
        assertThat(verifier.verify(java.util.Base64.getDecoder().decode(body.path("signature").path("value")
                .asString()))).isTrue();
    }

    /**
     * A levy billed on approval gets its SKRD, its payment a receipt; the public check follows the permit's life:
     * EXPIRED after validUntil, SUPERSEDED (naming the successor) once a renewal is issued, REVOKED with the date.
     */
    @Test
    void theLevyLettersAndThePermitsStandingFollowItsEvents() throws Exception {
        String id = "app-" + UUID.randomUUID();
        String renewalId = "app-" + UUID.randomUUID();
        String aniId = Uploads.subjectOf(ani());
        String permitNumber = "REKLAME-SULUT-MANADO-2025-" + String.format("%06d", (int) (Math.random() * 999_999));
        String successor = "REKLAME-SULUT-MANADO-2026-" + String.format("%06d", (int) (Math.random() * 999_999));
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(600);
        String billed = "\"levy\":{\"amountIdr\":1500000,\"basis\":\"Tarif tetap titik reklame\","
                + "\"billingCode\":\"2500000000017\",\"dueAt\":\"2025-12-31T00:00:00Z\"}";
        String paid = "\"levy\":{\"amountIdr\":1500000,\"basis\":\"Tarif tetap titik reklame\","
                + "\"billingCode\":\"2500000000017\",\"dueAt\":\"2025-12-31T00:00:00Z\","
                + "\"paidAt\":\"2025-12-01T03:00:00Z\",\"paymentReference\":\"BSG-778\"}";
        // application-service confirms both issuances before anything is signed (issue #12).
        STUB.issued(id, aniId, permitNumber, "ISSUED");
        STUB.issued(renewalId, aniId, successor, "ISSUED");
        ApplicationEventMother.publish(EventTypes.APPLICATION_CREATED, id, aniId, "DRAFT", t, null);
        ApplicationEventMother.publishWith(EventTypes.APPLICATION_APPROVED, id, aniId, "AWAITING_PAYMENT",
                t.plusSeconds(1), null, billed);
        ApplicationEventMother.publishWith(EventTypes.APPLICATION_LEVY_PAID, id, aniId, "ISSUED", t.plusSeconds(2),
                permitNumber, paid + ",\"validUntil\":\"2025-12-01T03:00:00Z\"");
        ApplicationEventMother.publishWith(EventTypes.APPLICATION_ISSUED, id, aniId, "ISSUED", t.plusSeconds(3),
                permitNumber, paid + ",\"validUntil\":\"2025-12-01T03:00:00Z\"");

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/documents?applicationId=" + id, ani())
                .json().size() == 3);
        JsonNode list = api().get("/api/documents?applicationId=" + id, ani()).json();
        assertThat(list).extracting(d -> d.path("kind").asString())
                .containsExactlyInAnyOrder("LEVY_ASSESSMENT", "RECEIPT", "CERTIFICATE");
        String skrd = pdfText("skrd-" + id);
        assertThat(skrd).contains("SKRD", "Regional levy assessment letter", "2500000000017", "Rp 1.500.000",
                "Tarif tetap titik reklame", "Due date");
        assertThat(pdfText("receipt-" + id)).contains("TANDA BUKTI PEMBAYARAN RETRIBUSI", "BSG-778",
                "2500000000017", permitNumber);

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/public/permits/" + permitNumber, null)
                .status() == 200);
        JsonNode expired = api().get("/api/public/permits/" + permitNumber, null).json();
        assertThat(expired.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.path("validUntil").asString()).isEqualTo("2025-12-01T03:00:00Z");

        // The renewal is issued: the old permit is superseded by it.
        ApplicationEventMother.publishWith(EventTypes.APPLICATION_ISSUED, renewalId, aniId, "ISSUED",
                t.plusSeconds(10), successor, "\"renewalOf\":\"" + id + "\",\"validUntil\":\"2099-01-01T00:00:00Z\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/public/permits/" + permitNumber, null)
                .json().path("status").asString().equals("SUPERSEDED"));
        assertThat(api().get("/api/public/permits/" + permitNumber, null).json().path("supersededBy").asString())
                .isEqualTo(successor);
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/public/permits/" + successor, null)
                .status() == 200);
        assertThat(api().get("/api/public/permits/" + successor, null).json().path("status").asString())
                .isEqualTo("VALID");

        ApplicationEventMother.publishWith(EventTypes.APPLICATION_REVOKED, renewalId, aniId, "REVOKED",
                t.plusSeconds(20), successor, "\"revokedAt\":\"" + t.plusSeconds(20) + "\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/public/permits/" + successor, null)
                .json().path("status").asString().equals("REVOKED"));
        assertThat(api().get("/api/public/permits/" + successor, null).json().path("revokedAt").asString())
                .isEqualTo(t.plusSeconds(20).toString());
    }

    String pdfText(String documentId) throws Exception {
        byte[] pdf = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base() + "/api/documents/" + documentId + "/content"))
                .header("Authorization", "Bearer " + ani()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The intruder's event of issue #12: the right type on the right topic, but not from application-service. */
    @Test
    void aForgedIssuedEventNeverBecomesACertificateAndIsDeadLettered() throws Exception {
        String id = "app-" + UUID.randomUUID();
        String permitNumber = permitNumber();
        String forged = ApplicationEventMother.event(UUID.randomUUID().toString(), EventTypes.APPLICATION_ISSUED, id,
                "mallory", "ISSUED", Instant.now(), permitNumber)
                .replace("\"source\":\"/satupintu/application-service\"", "\"source\":\"/mallory\"");
        assertThat(forged).contains("/mallory");
        ApplicationEventMother.send(id, forged);

        List<JsonNode> deadLetters = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.deadLetterOf(Topics.APPLICATION_EVENTS), e -> e.path("subject").asString().equals(id), 1,
                Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(1);
        assertThat(mongo.count(Query.query(Criteria.where("applicationId").is(id)), "documents")).isZero();
        assertThat(mongo.findById(id, org.bson.Document.class, "application_projection")).isNull();
        assertThat(api().get("/api/public/permits/" + permitNumber, null).status()).isEqualTo(404);
    }

    /**
     * The right source, type and topic (e.g. a stolen producer credential), but application-service issued nothing
     * of the kind: never a certificate, and the record ends in the dead letters after its retries.
     */
    @Test
    void anIssuedEventThatApplicationServiceDoesNotConfirmNeverBecomesACertificate() throws Exception {
        String aniId = Uploads.subjectOf(ani());
        // Unknown to application-service.
        String unknown = "app-" + UUID.randomUUID();
        String unknownPermit = permitNumber();
        // Known and issued, but with another permit number than the event claims.
        String known = projectedApplication("DRAFT");
        String realPermit = permitNumber();
        STUB.issued(known, aniId, realPermit, "ISSUED");
        String claimedPermit = permitNumber();
        // Known, with the event's permit number, but in a state that is not issued (neither ISSUED nor REVOKED).
        String revoked = "app-" + UUID.randomUUID();
        String revokedPermit = permitNumber();
        STUB.issued(revoked, aniId, revokedPermit, "AWAITING_PAYMENT");

        ApplicationEventMother.publish(EventTypes.APPLICATION_ISSUED, unknown, aniId, "ISSUED", Instant.now(),
                unknownPermit);
        ApplicationEventMother.publish(EventTypes.APPLICATION_ISSUED, known, aniId, "ISSUED", Instant.now(),
                claimedPermit);
        ApplicationEventMother.publish(EventTypes.APPLICATION_ISSUED, revoked, aniId, "ISSUED", Instant.now(),
                revokedPermit);

        List<String> ids = List.of(unknown, known, revoked);
        List<JsonNode> deadLetters = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.deadLetterOf(Topics.APPLICATION_EVENTS), e -> ids.contains(e.path("subject").asString()), 3,
                Duration.ofSeconds(60));
        assertThat(deadLetters).extracting(e -> e.path("subject").asString())
                .containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(mongo.count(Query.query(Criteria.where("applicationId").is(id)), "documents")).isZero();
        }
        for (String permit : List.of(unknownPermit, claimedPermit, revokedPermit, realPermit)) {
            assertThat(api().get("/api/public/permits/" + permit, null).status()).isEqualTo(404);
        }
        // An unconfirmed claim does not touch the projection either.
        assertThat(mongo.findById(unknown, org.bson.Document.class, "application_projection")).isNull();
        org.bson.Document projected = mongo.findById(known, org.bson.Document.class, "application_projection");
        assertThat(projected.getString("state")).isEqualTo("DRAFT");
        assertThat(projected.getString("permitNumber")).isNull();
    }

    /**
     * Issued, then revoked before document-service made the certificate: application-service confirms the issuance
     * (state REVOKED now), the certificate is made, and the public check answers REVOKED once the revoked event that
     * follows is applied; nothing goes to the dead letters.
     */
    @Test
    void aPermitRevokedBeforeItsCertificateWasMadeGetsOneThatVerifiesAsRevoked() throws Exception {
        String aniId = Uploads.subjectOf(ani());
        String id = "app-" + UUID.randomUUID();
        String permit = permitNumber();
        STUB.issued(id, aniId, permit, "REVOKED");
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ApplicationEventMother.publish(EventTypes.APPLICATION_ISSUED, id, aniId, "ISSUED", t, permit);
        ApplicationEventMother.publishWith(EventTypes.APPLICATION_REVOKED, id, aniId, "REVOKED", t.plusSeconds(5),
                permit, "\"revokedAt\":\"" + t.plusSeconds(5) + "\"");

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/api/public/permits/" + permit, null)
                .json().path("status").asString().equals("REVOKED"));
        assertThat(mongo.count(Query.query(Criteria.where("applicationId").is(id).and("kind").is("CERTIFICATE")),
                "documents")).isOne();
        assertThat(EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.deadLetterOf(Topics.APPLICATION_EVENTS), e -> e.path("subject").asString().equals(id), 1,
                Duration.ofSeconds(3))).isEmpty();
    }

    static String permitNumber() {
        return "PBG-SULUT-MANADO-2026-" + String.format("%06d", (int) (Math.random() * 999_999));
    }

    @Test
    void anUnknownPermitNumberIsNotFound() {
        ApiClient.Response response = api().get("/api/public/permits/PBG-NOWHERE-2026-999999", null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asString()).isEqualTo("not-found");
    }

    static String sha(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

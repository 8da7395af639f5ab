package org.satupintu.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * When application-service is down, an upload it would have to answer for is a clear 503 problem, quickly; and an
 * issued permit waits (its record retried, not dead-lettered) until application-service can confirm it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ApplicationServiceOutageIntegrationTests {

    static final int DOWN_PORT;
    static final String DOWN_URL;

    static {
        // A port that was just free and that nobody listens on any more.
        ApplicationServiceStub stub = ApplicationServiceStub.start();
        DOWN_PORT = stub.port();
        DOWN_URL = stub.url();
        stub.close();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("satupintu.application-service.url", () -> DOWN_URL);
        registry.add("satupintu.application-service.timeout", () -> "1s");
        registry.add("satupintu.kafka.outage-backoff", () -> "2s");
        registry.add("satupintu.outbox.poll-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void anUploadThatNeedsApplicationServiceIsUnavailableWhileItIsDown() throws Exception {
        String token = Tokens.password("ani");
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            ApiClient.Response response = Uploads.upload("http://127.0.0.1:" + port, token,
                    "unseen-" + UUID.randomUUID(), "KTP", "ktp.pdf", "application/pdf", Uploads.pdfFile(2000));
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("code").asString()).isEqualTo("dependency-unavailable");
            assertThat(System.nanoTime() - started).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
        }
        // The breaker's failures are visible to operators.
        String metrics = new ApiClient("http://127.0.0.1:" + port).get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern(
                "resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"failed\"[^}]*name=\"application-service\"[^}]*} [1-9]");
    }

    @Test
    void anIssuedPermitWaitsForApplicationServiceAndIsSignedWhenItIsBack() throws Exception {
        String id = "app-" + UUID.randomUUID();
        String aniId = Uploads.subjectOf(Tokens.password("ani"));
        String permitNumber = DocumentIntegrationTests.permitNumber();
        ApplicationEventMother.publish(EventTypes.APPLICATION_CREATED, id, aniId, "DRAFT",
                Instant.now().minusSeconds(60), null);
        ApplicationEventMother.publish(EventTypes.APPLICATION_ISSUED, id, aniId, "ISSUED", Instant.now(),
                permitNumber);

        // Longer than the ordinary retries of a failing record (0.5 + 1 + 2 s) take to dead-letter it.
        List<JsonNode> early = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                Topics.deadLetterOf(Topics.APPLICATION_EVENTS), e -> e.path("subject").asString().equals(id), 1,
                Duration.ofSeconds(10));
        assertThat(early).as("an outage is no reason to dead-letter").isEmpty();
        assertThat(mongo.findById(org.satupintu.document.certificate.CertificateService.certificateId(id), org.bson.Document.class, "documents")).isNull();

        try (ApplicationServiceStub back = ApplicationServiceStub.start(DOWN_PORT)) {
            back.issued(id, aniId, permitNumber, "ISSUED");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> mongo.findById(org.satupintu.document.certificate.CertificateService.certificateId(id), org.bson.Document.class, "documents") != null);
            assertThat(back.issuanceCalls()).isPositive();
            List<JsonNode> generated = EventRecorder.await(TestInfrastructure.kafkaBootstrapServers(),
                    Topics.DOCUMENT_EVENTS, e -> e.path("subject").asString().equals(id)
                            && e.path("type").asString().equals(EventTypes.CERTIFICATE_GENERATED), 1,
                    Duration.ofSeconds(20));
            assertThat(generated).hasSize(1);
            assertThat(generated.get(0).path("data").path("permitNumber").asString()).isEqualTo(permitNumber);
        }
    }
}

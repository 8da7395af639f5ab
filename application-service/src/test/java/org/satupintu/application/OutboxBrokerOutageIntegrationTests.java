package org.satupintu.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.satupintu.application.workflow.ChecklistUpdater;
import org.satupintu.events.DocumentEventData;
import org.satupintu.events.DocumentUploaded;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.local.KafkaServer;
import org.satupintu.local.Ports;
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
 * With the Kafka broker stopped, applicants still submit; the events wait in the outbox and all arrive, once
 * each, after the broker comes back. Uses a broker of its own (a real Kafka process) so it can be stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxBrokerOutageIntegrationTests {

    @TempDir
    static Path kafkaData;

    static final int KAFKA_PORT = Ports.freePort();
    static final int CONTROLLER_PORT = Ports.freePort();
    static KafkaServer kafka;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        kafka = startKafka();
        registry.add("spring.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
        registry.add("satupintu.outbox.poll-interval", () -> "300ms");
    }

    static KafkaServer startKafka() {
        // The test broker's credentials: the service authenticates here exactly as on the shared broker.
        return KafkaServer.start(new KafkaServer.Options(kafkaData, KAFKA_PORT, CONTROLLER_PORT,
                kafkaData.resolve("kafka.log"), TestInfrastructure.kafkaCredentials()));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ChecklistUpdater checklist;

    @Test
    void submissionsDuringABrokerOutageArePublishedExactlyOnceAfterItReturns() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        String ani = Tokens.password("ani");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApiClient.Response created = api.post("/api/applications", ani, """
                    {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO","form":{"profession":"Perawat",
                     "strNumber":"STR-%d","practiceAddress":"Manado","facilityName":"RS Manado"}}""".formatted(i));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().path("id").asString();
            for (JsonNode item : created.json().path("checklist")) {
                checklist.apply(new DocumentUploaded(new DocumentEventData(id, null, "SULUT-MANADO", "SIP", "DRAFT",
                        "doc-" + UUID.randomUUID(), item.path("requirementCode").asString(), "UPLOAD", null, null)),
                        Instant.now());
            }
            ids.add(id);
        }

        kafka.close();
        for (String id : ids) {
            ApiClient.Response submitted = api.post("/api/applications/" + id + "/submit", ani, "");
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        }
        kafka = startKafka();

        Set<String> wanted = Set.copyOf(ids);
        List<JsonNode> events = EventRecorder.await(kafka.bootstrapServers(), Topics.APPLICATION_EVENTS,
                e -> wanted.contains(e.path("subject").asString())
                        && e.path("type").asString().equals(EventTypes.APPLICATION_SUBMITTED),
                ids.size(), Duration.ofSeconds(90));
        assertThat(events.stream().map(e -> e.path("subject").asString()).collect(Collectors.toList()))
                .containsExactlyInAnyOrderElementsOf(ids);
    }
}

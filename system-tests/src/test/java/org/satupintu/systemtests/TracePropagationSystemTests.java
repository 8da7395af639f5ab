package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;

/**
 * One trace id follows a request: a client's W3C {@code traceparent} goes through the gateway into the owning
 * service and, with the event that request caused, into Kafka's record headers, although the outbox publishes later
 * from another thread.
 */
class TracePropagationSystemTests {

    private final Platform platform = RunningPlatform.get();
    private final ApiClient gateway = new ApiClient(platform.gatewayUrl());

    @Test
    void aClientsTraceIdReachesTheApplicationAndDocumentEvents() {
        String ani = RunningPlatform.token("ani");
        String createTrace = newTraceId();
        ApiClient.Response created = gateway.post("/api/applications", ani, """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO",
                 "form":{"profession":"dokter","practiceAddress":"Jl. Sudirman 3, Manado","strNumber":"STR-1","facilityName":"Klinik Sehat"}}""",
                "traceparent", traceparent(createTrace));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(traceOf(Topics.APPLICATION_EVENTS, id, EventTypes.APPLICATION_CREATED)).isEqualTo(createTrace);

        String uploadTrace = newTraceId();
        String requirement = created.json().path("checklist").path(0).path("requirementCode").asString();
        ApiClient.Response uploaded = gateway.upload("/api/documents", ani,
                Map.of("applicationId", id, "requirementCode", requirement), "scan.pdf", "application/pdf",
                "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                "traceparent", traceparent(uploadTrace));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(traceOf(Topics.DOCUMENT_EVENTS, id, EventTypes.DOCUMENT_UPLOADED)).isEqualTo(uploadTrace);
    }

    @Test
    void aRequestWithoutTraceContextStillGetsOneIntoKafka() {
        ApiClient.Response created = gateway.post("/api/applications", RunningPlatform.token("eko"), """
                {"permitTypeCode":"SIP","officeCode":"SULUT-MANADO",
                 "form":{"profession":"bidan","practiceAddress":"Jl. Sudirman 4, Manado","strNumber":"STR-2","facilityName":"Klinik Bunda"}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(traceOf(Topics.APPLICATION_EVENTS, created.json().path("id").asString(),
                EventTypes.APPLICATION_CREATED)).matches("[0-9a-f]{32}");
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }

    /** The trace id in the {@code traceparent} header of the first matching record, or "absent". */
    private String traceOf(String topic, String key, String type) {
        Map<String, Object> config = new java.util.HashMap<>(
                platform.kafkaClientProperties(org.satupintu.local.KafkaAccess.ADMIN));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key()) && record.value().contains("\"" + type + "\"")) {
                        Header header = record.headers().lastHeader("traceparent");
                        if (header == null) {
                            return "absent";
                        }
                        String value = new String(header.value(), StandardCharsets.US_ASCII);
                        assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
                        return value.substring(3, 35);
                    }
                }
            }
        }
        return "no such event";
    }
}

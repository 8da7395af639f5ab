package org.satupintu.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.satupintu.events.Topics;
import org.satupintu.testsupport.ApiClient;
import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.testsupport.Tokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The ops view against a real Kafka broker: lag that grows and shrinks, dead letters counted and replayed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpsIntegrationTests {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKeycloak(registry);
        registry.add("satupintu.ops.kafka-bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        // The ops view runs as the gateway's own principal, with its production ACLs.
        registry.add("satupintu.ops.kafka-password", () -> TestInfrastructure.kafkaPassword("gateway"));
    }

    @LocalServerPort
    int port;

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    JsonNode topic(String name) {
        ApiClient.Response response = api().get("/api/ops/queues", Tokens.password("olga"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode topic : response.json().path("topics")) {
            if (topic.path("name").asString().equals(name)) {
                return topic;
            }
        }
        throw new AssertionError("no topic " + name + " in " + response.body());
    }

    long lagOf(String topic, String group) {
        for (JsonNode g : topic(topic).path("consumerGroups")) {
            if (g.path("groupId").asString().equals(group)) {
                return g.path("lag").asLong();
            }
        }
        return -1;
    }

    @Test
    void onlyOperatorsSeeTheQueues() {
        assertThat(api().get("/api/ops/queues", Tokens.password("ani")).status()).isEqualTo(403);
        assertThat(api().get("/api/ops/queues", null).status()).isEqualTo(401);
        assertThat(api().post("/api/ops/dead-letters/nope/replay", Tokens.password("olga"), "").status())
                .isEqualTo(404);
    }

    @Test
    void lagGrowsWhileAConsumerIsStoppedAndShrinksWhenItCatchesUp() {
        // A group the gateway's principal may describe: named after a service (prefix).
        String group = "notification-service-ops-test-" + UUID.randomUUID();
        String topic = Topics.NOTIFICATION_EVENTS;
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            drain(consumer);
            consumer.commitSync();
        }
        assertThat(lagOf(topic, group)).isZero();
        produce(topic, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> lagOf(topic, group) == 5);
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(topic));
            drain(consumer);
            consumer.commitSync();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lagOf(topic, group) == 0);
    }

    @Test
    void deadLettersAreCountedAndReplayedToTheirTopicOnce() {
        String topic = Topics.NOTIFICATION_EVENTS;
        String dlt = Topics.deadLetterOf(topic);
        // Whatever earlier tests left is replayed first, so the counts below are this test's.
        api().post("/api/ops/dead-letters/" + topic + "/replay", Tokens.password("olga"), "");
        String marker = "dead-" + UUID.randomUUID();
        produce(dlt, 3, marker);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topic(topic).path("deadLetter").path("count").asLong() == 3);

        ApiClient.Response replay = api().post("/api/ops/dead-letters/" + topic + "/replay",
                Tokens.password("olga"), "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().path("replayed").asLong()).isEqualTo(3);
        assertThat(topic(topic).path("deadLetter").path("count").asLong()).isZero();
        assertThat(api().post("/api/ops/dead-letters/" + topic + "/replay", Tokens.password("olga"), "").json()
                .path("replayed").asLong()).isZero();

        try (KafkaConsumer<String, String> consumer = consumer("check-" + marker)) {
            consumer.subscribe(List.of(topic));
            long found = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found < 3 && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value().contains(marker)) {
                        found++;
                    }
                }
            }
            assertThat(found).isEqualTo(3);
        }
    }

    @Test
    void aRecordDeadLetteredByEveryConsumerGroupIsReplayedOnce() {
        String topic = Topics.APPLICATION_EVENTS;
        String dlt = Topics.deadLetterOf(topic);
        api().post("/api/ops/dead-letters/" + topic + "/replay", Tokens.password("olga"), "");
        String marker = "poison-" + UUID.randomUUID();
        // What two consumer groups' dead-letter publishers write for one record at offset 41 of partition 2, and a
        // second record that only one group failed on.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(TestInfrastructure.kafkaAdminClient(),
                new StringSerializer(), new StringSerializer())) {
            for (String group : List.of("document-service", "notification-service")) {
                producer.send(deadLetter(dlt, topic, 2, 41, group, marker + "-a"));
            }
            producer.send(deadLetter(dlt, topic, 0, 7, "notification-service", marker + "-b"));
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> topic(topic).path("deadLetter").path("count").asLong() == 3);

        ApiClient.Response replay = api().post("/api/ops/dead-letters/" + topic + "/replay",
                Tokens.password("olga"), "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().path("replayed").asLong()).isEqualTo(2);
        assertThat(replay.json().path("copiesSkipped").asLong()).isEqualTo(1);
        assertThat(topic(topic).path("deadLetter").path("count").asLong()).isZero();

        List<String> values = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer("check-" + marker)) {
            consumer.subscribe(List.of(topic));
            // Until both arrived, then 3 s more: a second copy of "-a" would arrive in that time.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        values.add(record.value());
                    }
                }
                if (values.size() >= 2) {
                    deadline = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(3).toNanos());
                }
            }
        }
        assertThat(values).containsExactlyInAnyOrder(marker + "-a", marker + "-b");
    }

    private static ProducerRecord<String, String> deadLetter(String dlt, String topic, int partition, long offset,
            String group, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(dlt, "app-1", value);
        record.headers().add("kafka_dlt-original-topic", topic.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("kafka_dlt-original-partition",
                java.nio.ByteBuffer.allocate(4).putInt(partition).array());
        record.headers().add("kafka_dlt-original-offset", java.nio.ByteBuffer.allocate(8).putLong(offset).array());
        record.headers().add("kafka_dlt-original-consumer-group",
                group.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }

    private static void produce(String topic, int count) {
        produce(topic, count, "record");
    }

    private static void produce(String topic, int count, String marker) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(TestInfrastructure.kafkaAdminClient(),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "{\"m\":\"" + marker + "-" + i + "\"}"));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> config = new java.util.HashMap<>(TestInfrastructure.kafkaAdminClient());
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static void drain(KafkaConsumer<String, String> consumer) {
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean assigned = false;
        while (System.nanoTime() < deadline) {
            var records = consumer.poll(Duration.ofMillis(300));
            assigned |= !consumer.assignment().isEmpty();
            if (!records.isEmpty()) {
                quietSince = System.nanoTime();
            }
            else if (assigned && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                return;
            }
        }
    }
}

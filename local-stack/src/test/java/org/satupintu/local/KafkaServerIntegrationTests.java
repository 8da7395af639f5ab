package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.satupintu.events.Topics;

class KafkaServerIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void brokerCreatesEveryTopicAndKeepsRecordsAcrossRestarts() throws Exception {
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        KafkaCredentials credentials = KafkaCredentials.loadOrCreate(dataDir.resolve("kafka-credentials.properties"));
        KafkaServer.Options options = new KafkaServer.Options(dataDir, port, controllerPort,
                dataDir.resolve("kafka.log"), credentials);
        long pid;
        try (KafkaServer kafka = KafkaServer.start(options)) {
            pid = kafka.process().pid();
            try (Admin admin = kafka.admin()) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(topics).containsAll(Topics.allWithDeadLetters());
                assertThat(admin.describeTopics(List.of(Topics.APPLICATION_EVENTS)).allTopicNames().get()
                        .get(Topics.APPLICATION_EVENTS).partitions()).hasSize(KafkaServer.PARTITIONS);
            }
            Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties(KafkaAccess.APPLICATION_SERVICE));
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig,
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-1", "{\"hello\":1}")).get();
            }
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        // Same credentials file: the same passwords again, and the users and ACLs are still (or again) in place.
        KafkaServer.Options again = new KafkaServer.Options(dataDir, port, controllerPort,
                dataDir.resolve("kafka.log"), KafkaCredentials.loadOrCreate(dataDir.resolve("kafka-credentials.properties")));
        assertThat(again.credentials()).isEqualTo(credentials);
        try (KafkaServer kafka = KafkaServer.start(again)) {
            assertThat(consumeAll(kafka.clientProperties(KafkaAccess.DOCUMENT_SERVICE), "document-service"))
                    .containsExactly("app-1={\"hello\":1}");
        }

        // The credentials file lost: the broker refuses the new admin password, and the start says so at once.
        java.nio.file.Files.delete(dataDir.resolve("kafka-credentials.properties"));
        KafkaCredentials fresh = KafkaCredentials.loadOrCreate(dataDir.resolve("kafka-credentials.properties"));
        assertThat(fresh.adminPassword()).isNotEqualTo(credentials.adminPassword());
        long begin = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KafkaServer.start(new KafkaServer.Options(dataDir,
                port, controllerPort, dataDir.resolve("kafka.log"), fresh)))
                .hasMessageContaining("refuses the admin password");
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(120));
    }

    /**
     * Three nodes: every topic replicated on all three with min.insync.replicas 2, so with {@code acks=all} and
     * idempotence a write goes on while one node is killed, nothing acknowledged is lost, and the node rejoins.
     */
    @Test
    void threeNodesKeepWritingAndLoseNothingWhenOneIsKilled() throws Exception {
        KafkaCredentials credentials = KafkaCredentials.loadOrCreate(dataDir.resolve("kafka-credentials.properties"));
        KafkaServer.Options options = new KafkaServer.Options(dataDir,
                List.of(Ports.freePort(), Ports.freePort(), Ports.freePort()),
                List.of(Ports.freePort(), Ports.freePort(), Ports.freePort()), dataDir.resolve("kafka.log"),
                credentials);
        try (KafkaServer kafka = KafkaServer.start(options)) {
            assertThat(kafka.nodes()).isEqualTo(3);
            assertThat(kafka.bootstrapServers().split(",")).hasSize(3);
            try (Admin admin = kafka.admin()) {
                var description = admin.describeTopics(Topics.allWithDeadLetters()).allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                assertThat(description.values()).allSatisfy(topic -> {
                    assertThat(topic.partitions()).hasSize(KafkaServer.PARTITIONS);
                    assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                });
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.APPLICATION_EVENTS);
                assertThat(admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                        .get("min.insync.replicas").value()).isEqualTo("2");
            }
            Map<String, Object> producerConfig = new HashMap<>(kafka.clientProperties(KafkaAccess.APPLICATION_SERVICE));
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig,
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-" + i, "before-" + i)).get();
                    sent.add("app-" + i + "=before-" + i);
                }
                kafka.killNode(1);
                assertThat(kafka.process(1).isAlive()).isFalse();
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-" + i, "during-" + i))
                            .get(60, TimeUnit.SECONDS);
                    sent.add("app-" + i + "=during-" + i);
                }
                kafka.restartNode(1);
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-" + i, "after-" + i)).get();
                    sent.add("app-" + i + "=after-" + i);
                }
            }
            assertThat(consumeAll(kafka.clientProperties(KafkaAccess.DOCUMENT_SERVICE), "document-service", 90))
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static List<String> consumeAll(Map<String, Object> client, String group) {
        return consumeAll(client, group, 1);
    }

    private static List<String> consumeAll(Map<String, Object> client, String group, int expected) {
        List<String> values = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.APPLICATION_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.key() + "=" + r.value());
                }
            }
        }
        return values;
    }
}

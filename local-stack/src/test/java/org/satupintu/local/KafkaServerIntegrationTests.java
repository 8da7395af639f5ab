package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
        KafkaServer.Options options = new KafkaServer.Options(dataDir, port, controllerPort,
                dataDir.resolve("kafka.log"));
        long pid;
        try (KafkaServer kafka = KafkaServer.start(options)) {
            pid = kafka.process().pid();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertThat(topics).containsAll(Topics.allWithDeadLetters());
                assertThat(admin.describeTopics(List.of(Topics.APPLICATION_EVENTS)).allTopicNames().get()
                        .get(Topics.APPLICATION_EVENTS).partitions()).hasSize(KafkaServer.PARTITIONS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-1", "{\"hello\":1}")).get();
            }
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        try (KafkaServer kafka = KafkaServer.start(options)) {
            assertThat(consumeAll(kafka.bootstrapServers())).containsExactly("app-1={\"hello\":1}");
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.APPLICATION_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.key() + "=" + r.value());
                }
            }
        }
        return values;
    }
}

package org.satupintu.application;

import org.satupintu.testsupport.TestInfrastructure;
import org.satupintu.local.KafkaAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a topic from the beginning with its own consumer group, collecting CloudEvents that match. */
final class EventRecorder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventRecorder() {
    }

    static List<JsonNode> await(String bootstrap, String topic, Predicate<JsonNode> match, int expected,
            Duration timeout) {
        List<JsonNode> found = new ArrayList<>();
        // As the admin: the test reads whatever it checks, whichever service wrote it.
        Map<String, Object> config = new java.util.HashMap<>(KafkaAccess.clientProperties(bootstrap,
                KafkaAccess.ADMIN, TestInfrastructure.kafkaPassword(KafkaAccess.ADMIN)));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "recorder-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode event;
                    try {
                        event = JSON.readTree(record.value());
                    }
                    catch (RuntimeException e) {
                        continue;
                    }
                    if (match.test(event)) {
                        found.add(event);
                    }
                }
            }
            // Give a duplicate the chance to show up.
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(1500))) {
                try {
                    JsonNode event = JSON.readTree(record.value());
                    if (match.test(event)) {
                        found.add(event);
                    }
                }
                catch (RuntimeException e) {
                    // not JSON: not ours
                }
            }
        }
        return found;
    }
}

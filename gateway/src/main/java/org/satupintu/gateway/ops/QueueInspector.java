package org.satupintu.gateway.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.satupintu.events.Topics;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads the state of every SatuPintu topic, its consumer groups' lag and its dead letters, and re-publishes dead
 * letters to their original topic. Lives in the gateway because that is where operators already come in, and the
 * Kafka admin client needs no service of its own; it reads only metadata and offsets, never event contents.
 */
@Component
public class QueueInspector implements DisposableBean {

    /** The consumer group that remembers which dead letters were already replayed. */
    public static final String REPLAY_GROUP = "satupintu-ops-dlt-replay";
    private static final long TIMEOUT_SECONDS = 10;

    private final OpsProperties properties;
    private final Admin admin;

    QueueInspector(OpsProperties properties) {
        this.properties = properties;
        Properties config = new Properties();
        config.putAll(properties.kafkaClient());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        this.admin = Admin.create(config);
    }

    public record GroupLag(String groupId, long lag) {
    }

    public record DeadLetters(String name, long count, long total) {
    }

    public record TopicView(String name, int partitions, long endOffset, List<GroupLag> consumerGroups,
            DeadLetters deadLetter) {
    }

    public record Queues(List<TopicView> topics) {
    }

    /**
     * @param replayed dead letters re-published to their topic
     * @param copiesSkipped dead letters of a record already re-published in this replay: every consumer group that
     *     failed on one record dead-letters its own copy, but one re-publication reaches every group again
     */
    public record Replay(String topic, String deadLetterTopic, long replayed, long copiesSkipped) {
    }

    public Queues queues() throws Exception {
        List<String> names = Topics.allWithDeadLetters();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        for (var group : admin.listConsumerGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            committed.put(group.groupId(), admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        List<TopicView> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            String dlt = Topics.deadLetterOf(topic);
            List<GroupLag> lags = new ArrayList<>();
            committed.forEach((group, offsets) -> {
                List<TopicPartition> mine = offsets.keySet().stream().filter(tp -> tp.topic().equals(topic)).toList();
                if (!mine.isEmpty() && !group.equals(REPLAY_GROUP)) {
                    long lag = mine.stream().mapToLong(tp -> Math.max(0,
                            end.getOrDefault(tp, 0L) - (offsets.get(tp) == null ? 0 : offsets.get(tp).offset())))
                            .sum();
                    lags.add(new GroupLag(group, lag));
                }
            });
            lags.sort((a, b) -> a.groupId().compareTo(b.groupId()));
            long dltEnd = sum(end, dlt);
            long dltTotal = dltEnd - sum(start, dlt);
            Map<TopicPartition, OffsetAndMetadata> replayed = committed.getOrDefault(REPLAY_GROUP, Map.of());
            long pending = end.entrySet().stream().filter(e -> e.getKey().topic().equals(dlt))
                    .mapToLong(e -> e.getValue() - Math.max(start.getOrDefault(e.getKey(), 0L),
                            replayed.get(e.getKey()) == null ? 0 : replayed.get(e.getKey()).offset()))
                    .sum();
            TopicDescription description = java.util.Objects.requireNonNull(descriptions.get(topic), topic);
            topics.add(new TopicView(topic, description.partitions().size(), sum(end, topic), lags,
                    new DeadLetters(dlt, Math.max(0, pending), dltTotal)));
        }
        return new Queues(topics);
    }

    /** Re-publishes the dead letters not replayed before to their original topic, with key and headers. */
    public Replay replay(String topic) {
        String dlt = Topics.deadLetterOf(topic);
        Map<String, Object> consumerConfig = new HashMap<>(properties.kafkaClient());
        consumerConfig.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, REPLAY_GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        Map<String, Object> producerConfig = new HashMap<>(properties.kafkaClient());
        producerConfig.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        long replayed = 0;
        long skipped = 0;
        java.util.Set<String> origins = new java.util.HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlt).stream()
                    .map(p -> new TopicPartition(dlt, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.getOrDefault(new TopicPartition(record.topic(), record.partition()),
                            0L)) {
                        continue;
                    }
                    String origin = originOf(record.headers());
                    if (origin != null && !origins.add(origin)) {
                        skipped++;
                    }
                    else {
                        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(topic, null, record.key(),
                                record.value(), originalHeaders(record.headers()));
                        producer.send(again);
                        replayed++;
                    }
                    done.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
            }
            producer.flush();
            if (!done.isEmpty()) {
                consumer.commitSync(done);
            }
        }
        return new Replay(topic, dlt, replayed, skipped);
    }

    /** Where the dead letter came from (topic, partition, offset headers of the dead-letter publisher), or null. */
    private static @Nullable String originOf(org.apache.kafka.common.header.Headers headers) {
        Header topic = headers.lastHeader("kafka_dlt-original-topic");
        Header partition = headers.lastHeader("kafka_dlt-original-partition");
        Header offset = headers.lastHeader("kafka_dlt-original-offset");
        if (topic == null || partition == null || offset == null) {
            return null;
        }
        java.util.HexFormat hex = java.util.HexFormat.of();
        return hex.formatHex(topic.value()) + "/" + hex.formatHex(partition.value()) + "@"
                + hex.formatHex(offset.value());
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The dead-letter publisher adds its own {@code kafka_dlt-*} headers; the replayed record drops them. */
    private static List<Header> originalHeaders(Iterable<Header> headers) {
        List<Header> kept = new ArrayList<>();
        headers.forEach(h -> {
            if (!h.key().startsWith("kafka_dlt")) {
                kept.add(h);
            }
        });
        return kept;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static long sum(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(5));
    }
}

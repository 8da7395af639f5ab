package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.satupintu.events.Topics;

/**
 * The secured broker of the local stack, the system tests and the integration tests, tried as an intruder and as
 * each service would: no credentials or a wrong password is refused, and every principal may do exactly what
 * {@link KafkaAccess} grants. A real broker, no mocks.
 */
class KafkaAccessIntegrationTests {

    @TempDir
    static Path dataDir;

    static KafkaServer kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaServer.start(new KafkaServer.Options(dataDir, Ports.freePort(), Ports.freePort(),
                dataDir.resolve("kafka.log"), KafkaCredentials.generate()));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The attack of the issue: a forged "issued" event from a client without credentials. */
    @Test
    void anAnonymousClientCannotProduceNorReadNorAdminister() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", kafka.bootstrapServers());
        long begin = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-x",
                    "{\"type\":\"satupintu.application.issued.v1\",\"data\":{\"applicantName\":\"Mallory Forged\"}}"))
                    .get(20, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
        try (Admin admin = Admin.create(withTimeouts(anonymous))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS)).isNotNull();
        }
        try (KafkaConsumer<String, String> consumer = consumer(anonymous, "anonymous-" + UUID.randomUUID())) {
            consumer.subscribe(List.of(Topics.APPLICATION_EVENTS));
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
                }
            }
            catch (org.apache.kafka.common.KafkaException refused) {
                // refused outright: as good as reading nothing
            }
            assertThat(seen).isEmpty();
            assertThat(consumer.assignment()).isEmpty();
        }
        // Nothing forged arrived.
        assertThat(readAll(kafka.clientProperties(KafkaAccess.ADMIN), Topics.APPLICATION_EVENTS))
                .noneMatch(v -> v.contains("Mallory Forged"));
    }

    @Test
    void aWrongPasswordOrAnotherServicesPasswordIsRefused() {
        Map<String, Object> wrong = KafkaAccess.clientProperties(kafka.bootstrapServers(), KafkaAccess.ADMIN,
                "not-the-password");
        try (KafkaProducer<String, String> producer = producer(wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "k", "v"))
                    .get(20, TimeUnit.SECONDS)).satisfies(e -> assertThat(causes(e))
                            .anyMatch(AuthenticationException.class::isInstance));
        }
        Map<String, Object> borrowed = KafkaAccess.clientProperties(kafka.bootstrapServers(),
                KafkaAccess.APPLICATION_SERVICE, kafka.credentials().password(KafkaAccess.DOCUMENT_SERVICE));
        try (Admin admin = Admin.create(withTimeouts(borrowed))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(AuthenticationException.class::isInstance));
        }
    }

    @Test
    void aServiceWritesItsOwnTopicAndTheDeadLettersOfWhatItConsumesButNoOtherTopic() throws Exception {
        Map<String, Object> document = kafka.clientProperties(KafkaAccess.DOCUMENT_SERVICE);
        try (KafkaProducer<String, String> producer = producer(document)) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, "app-1", "own")).get(20, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.deadLetterOf(Topics.APPLICATION_EVENTS), "app-1", "dead"))
                    .get(20, TimeUnit.SECONDS);
            for (String foreign : List.of(Topics.APPLICATION_EVENTS, Topics.NOTIFICATION_EVENTS,
                    Topics.deadLetterOf(Topics.DOCUMENT_EVENTS))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(foreign, "app-1", "forged"))
                        .get(20, TimeUnit.SECONDS)).as(foreign)
                        .satisfies(e -> assertThat(causes(e)).anyMatch(TopicAuthorizationException.class::isInstance));
            }
        }
        Map<String, Object> notification = kafka.clientProperties(KafkaAccess.NOTIFICATION_SERVICE);
        try (KafkaProducer<String, String> producer = producer(notification)) {
            producer.send(new ProducerRecord<>(Topics.NOTIFICATION_EVENTS, "app-1", "own")).get(20, TimeUnit.SECONDS);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, "app-1",
                    "forged")).get(20, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(TopicAuthorizationException.class::isInstance));
        }
        assertThat(readAll(kafka.clientProperties(KafkaAccess.ADMIN), Topics.APPLICATION_EVENTS))
                .doesNotContain("forged");
    }

    @Test
    void aServiceReadsWhatItConsumesOnlyInItsOwnConsumerGroups() throws Exception {
        String marker = "doc-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(kafka.clientProperties(KafkaAccess.DOCUMENT_SERVICE))) {
            producer.send(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, "app-2", marker)).get(20, TimeUnit.SECONDS);
        }
        Map<String, Object> application = kafka.clientProperties(KafkaAccess.APPLICATION_SERVICE);
        try (KafkaConsumer<String, String> consumer = consumer(application, "application-service")) {
            consumer.subscribe(List.of(Topics.DOCUMENT_EVENTS));
            assertThat(pollUntil(consumer, marker)).contains(marker);
            consumer.commitSync();
        }
        try (KafkaConsumer<String, String> consumer = consumer(application, "document-service")) {
            consumer.subscribe(List.of(Topics.DOCUMENT_EVENTS));
            assertThatThrownBy(() -> pollUntil(consumer, marker)).isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(application, "application-service-probe")) {
            // Its own group prefix, but a topic it does not consume (its own: it only writes it).
            consumer.subscribe(List.of(Topics.NOTIFICATION_EVENTS));
            assertThatThrownBy(() -> pollUntil(consumer, marker)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void servicesCannotCreateTopicsNorChangeAcls() {
        try (Admin admin = Admin.create(withTimeouts(kafka.clientProperties(KafkaAccess.NOTIFICATION_SERVICE)))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("satupintu.rogue", 1, (short) 1)))
                    .all().get(20, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(AuthorizationException.class::isInstance));
            assertThatThrownBy(() -> admin.deleteAcls(List.of(AclBindingFilter.ANY)).all().get(20, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(AuthorizationException.class::isInstance));
        }
    }

    /** What the ops view does (QueueInspector): describe everything, read dead letters, replay, remember. */
    @Test
    void theGatewayReadsDeadLettersAndReplaysThemToTheirTopicButWritesNoDeadLetters() throws Exception {
        String dlt = Topics.deadLetterOf(Topics.DOCUMENT_EVENTS);
        String marker = "dead-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(
                kafka.clientProperties(KafkaAccess.APPLICATION_SERVICE))) {
            producer.send(new ProducerRecord<>(dlt, "app-3", marker)).get(20, TimeUnit.SECONDS);
        }
        Map<String, Object> gateway = kafka.clientProperties(KafkaAccess.GATEWAY);
        try (Admin admin = Admin.create(withTimeouts(gateway))) {
            assertThat(admin.describeTopics(Topics.allWithDeadLetters()).allTopicNames().get(20, TimeUnit.SECONDS))
                    .containsOnlyKeys(Topics.allWithDeadLetters());
            assertThat(admin.listConsumerGroups().all().get(20, TimeUnit.SECONDS)).isNotNull();
        }
        try (KafkaConsumer<String, String> consumer = consumer(gateway, KafkaAccess.OPS_REPLAY_GROUP);
                KafkaProducer<String, String> producer = producer(gateway)) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlt).stream()
                    .map(p -> new TopicPartition(dlt, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            boolean found = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    producer.send(new ProducerRecord<>(Topics.DOCUMENT_EVENTS, r.key(), r.value()))
                            .get(20, TimeUnit.SECONDS);
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    found |= marker.equals(r.value());
                }
            }
            assertThat(found).isTrue();
            consumer.commitSync(done);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(dlt, "app-3", "forged"))
                    .get(20, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(TopicAuthorizationException.class::isInstance));
        }
        assertThat(readAll(kafka.clientProperties(KafkaAccess.ADMIN), Topics.DOCUMENT_EVENTS)).contains(marker);
        try (KafkaConsumer<String, String> consumer = consumer(gateway, "gateway-other")) {
            consumer.subscribe(List.of(Topics.APPLICATION_EVENTS));
            assertThatThrownBy(() -> pollUntil(consumer, marker)).isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void theBrokerHoldsExactlyTheAclTable() throws Exception {
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(20, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(KafkaAccess.bindings());
        }
    }

    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, String marker) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!values.contains(marker) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        }
        return values;
    }

    private static List<String> readAll(Map<String, Object> client, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(client, "admin-check-" + UUID.randomUUID())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && !partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 8000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static Map<String, Object> withTimeouts(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("request.timeout.ms", 5000);
        config.put("default.api.timeout.ms", 10000);
        return config;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}

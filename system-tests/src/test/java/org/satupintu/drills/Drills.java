package org.satupintu.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.satupintu.local.Platform;
import org.satupintu.systemtests.RunningPlatform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fault drills share: the platform of this test JVM, counting what arrived (inbox, topic, mailbox) and
 * writing each drill's figures to stdout and {@code target/drills/<drill>.txt}.
 */
final class Drills {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** The applicant whose submissions the drills count (the other system tests use ani). */
    static final String APPLICANT = "eko";

    private Drills() {
    }

    private static volatile Platform override;

    /** The platform of this test JVM: the one {@link #use} named, else {@link RunningPlatform#get()}'s. */
    static Platform platform() {
        Platform chosen = override;
        return chosen != null ? chosen : RunningPlatform.get();
    }

    /** Drills on another platform (e.g. {@link RunningPlatform#replicated()}); null goes back to the default. */
    static void use(Platform platform) {
        override = platform;
    }

    /** A real access token of a demo user from {@link #platform()}'s Keycloak. */
    static String token(String username) {
        return RunningPlatform.token(platform(), username);
    }

    static ApiClient gateway() {
        return new ApiClient(platform().gatewayUrl());
    }

    /** The BENCHMARK permit type (no mandatory documents, one optional PDF), created by admin adi if absent. */
    static void ensureBenchmarkPermitType() {
        ApiClient gateway = gateway();
        String adi = token("adi");
        if (gateway.get("/api/permit-types/" + SteadyLoad.PERMIT_TYPE, adi).status() == 200) {
            return;
        }
        ApiClient.Response created = gateway.post("/api/permit-types", adi, """
                {"code":"BENCHMARK","name":{"id":"Uji beban","en":"Load test"},
                 "description":{"id":"Jenis izin untuk pengukuran kinerja","en":"Permit type for benchmarks"},
                 "slaWorkingDays":5,"feeIdr":0,"active":true,
                 "formFields":[{"key":"note","label":{"id":"Catatan","en":"Note"},"type":"text","required":false}],
                 "requirements":[{"code":"LAMPIRAN","name":{"id":"Lampiran","en":"Attachment"},"mandatory":false,
                                  "contentTypes":["application/pdf"],"maxSizeBytes":1048576}]}""");
        assertThat(created.status()).as(created.body()).isIn(201, 409);
    }

    /** Every platform process up and ready again: what each drill leaves behind for the next test. */
    static void assertPlatformHealthy() {
        for (String module : Platform.SERVICES) {
            for (org.satupintu.local.ServiceProcess replica : platform().replicasOf(module)) {
                ApiClient direct = new ApiClient(replica.url());
                assertThat(direct.get("/actuator/health/readiness", null).status()).as(replica.url()).isEqualTo(200);
            }
        }
    }

    /** Polls until the condition holds or the timeout passes; answers the time it took. */
    static Duration awaitUntil(Duration timeout, BooleanSupplier condition) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return Duration.between(start, Instant.now());
                }
            }
            catch (RuntimeException e) {
                // a component still coming back: keep polling
            }
            sleep(Duration.ofSeconds(1));
        }
        return null;
    }

    /** Polls until the supplier answers non-null, or fails after the timeout. */
    static <T> T awaitValue(Duration timeout, java.util.function.Supplier<T> value) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                T answer = value.get();
                if (answer != null) {
                    return answer;
                }
            }
            catch (RuntimeException e) {
                // not there yet
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("Not reached within " + timeout.toSeconds() + " s");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many in-app notifications of this type the caller has per application, for the given applications. */
    static Map<String, Integer> inbox(String token, String eventType, Collection<String> applicationIds) {
        Set<String> wanted = Set.copyOf(applicationIds);
        Map<String, Integer> counts = new HashMap<>();
        ApiClient gateway = gateway();
        for (int page = 0; page < 100; page++) {
            ApiClient.Response response = gateway.get("/api/notifications?size=500&page=" + page,
                    token);
            if (response.status() != 200) {
                throw new IllegalStateException("Inbox answered " + response.status() + " " + response.body());
            }
            JsonNode body = response.json();
            for (JsonNode n : body.path("content")) {
                String app = n.path("applicationId").asString();
                if (wanted.contains(app) && n.path("eventType").asString().equals(eventType)) {
                    counts.merge(app, 1, Integer::sum);
                }
            }
            if (page + 1 >= body.path("page").path("totalPages").asInt()) {
                break;
            }
        }
        return counts;
    }

    /** One record read back from a topic. */
    record TopicEvent(String topic, int partition, long offset, String key, String value, JsonNode event,
            String group) {

        String id() {
            return event.path("id").asString();
        }

        String type() {
            return event.path("type").asString();
        }

        String applicationId() {
            return event.path("data").path("applicationId").asString(event.path("subject").asString());
        }
    }

    /** Every record of a topic from its start to its current end (parsed where it is JSON). */
    static List<TopicEvent> readTopic(String topic) {
        List<TopicEvent> events = new ArrayList<>();
        Map<String, Object> config = new java.util.HashMap<>(
                platform().kafkaClientProperties(org.satupintu.local.KafkaAccess.ADMIN));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event;
                    try {
                        event = r.value() == null ? JSON.nullNode() : JSON.readTree(r.value());
                    }
                    catch (RuntimeException e) {
                        event = JSON.nullNode();
                    }
                    var group = r.headers().lastHeader("kafka_dlt-original-consumer-group");
                    events.add(new TopicEvent(r.topic(), r.partition(), r.offset(), r.key(), r.value(), event,
                            group == null ? null : new String(group.value(), java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return events;
    }

    /** Events of one type for the given applications: per application, the CloudEvent ids seen (with repeats). */
    static Map<String, List<String>> eventIdsByApplication(String topic, String type, Collection<String> apps) {
        Set<String> wanted = Set.copyOf(apps);
        return readTopic(topic).stream().filter(e -> e.type().equals(type) && wanted.contains(e.applicationId()))
                .collect(Collectors.groupingBy(TopicEvent::applicationId,
                        Collectors.mapping(TopicEvent::id, Collectors.toList())));
    }

    /** How many emails the SMTP sink saved per subject containing each of the given texts. */
    static Map<String, Integer> mailsMentioning(Collection<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        Path dir = platform().mailDir();
        if (!Files.isDirectory(dir)) {
            return counts;
        }
        Session session = Session.getInstance(new Properties());
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".eml")).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String subject;
            try (InputStream in = Files.newInputStream(file)) {
                subject = new MimeMessage(session, in).getSubject();
            }
            catch (Exception e) {
                continue; // being written
            }
            for (String text : texts) {
                if (subject != null && subject.contains(text)) {
                    counts.merge(text, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    static long missing(Collection<String> expected, Map<String, ?> counts) {
        return expected.stream().filter(k -> !counts.containsKey(k)).count();
    }

    static long duplicated(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
    }

    static long duplicatedIds(Map<String, List<String>> idsByKey) {
        return idsByKey.values().stream().mapToLong(ids -> Math.max(0, ids.stream().distinct().count() - 1)).sum();
    }

    static long redelivered(Map<String, List<String>> idsByKey) {
        return idsByKey.values().stream().mapToLong(ids -> ids.size() - ids.stream().distinct().count()).sum();
    }

    /** A drill's figures, in order, printed and written to {@code target/drills/<name>.txt}. */
    static final class Report {

        private final String name;
        private final Map<String, Object> figures = new LinkedHashMap<>();

        Report(String name) {
            this.name = name;
        }

        Report put(String key, Object value) {
            figures.put(key, value instanceof Duration d ? String.format("%.1f s", d.toMillis() / 1000.0)
                    : value == null ? "not reached" : value);
            return this;
        }

        /** The applicant's inbox and the mailbox: received, lost, duplicated (the same six figures in every drill). */
        Report deliveries(Collection<String> apps, Map<String, Integer> inbox, Collection<String> registrations,
                Map<String, Integer> mails) {
            return put("inbox notifications received", inbox.values().stream().mapToInt(Integer::intValue).sum())
                    .put("inbox lost", missing(apps, inbox))
                    .put("inbox duplicated", duplicated(inbox))
                    .put("emails received", mails.values().stream().mapToInt(Integer::intValue).sum())
                    .put("emails lost", missing(registrations, mails))
                    .put("emails duplicated", duplicated(mails));
        }

        void write() {
            StringBuilder text = new StringBuilder("drill: " + name + "\n");
            text.append("finished: ").append(Instant.now()).append('\n');
            figures.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
            System.out.println("=== fault drill ===\n" + text);
            try {
                Path dir = Path.of("target", "drills");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(name + ".txt"), text.toString());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package org.satupintu.notification.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.satupintu.events.Topics;
import org.satupintu.local.Ports;
import org.satupintu.notification.EventMother;
import org.satupintu.notification.NotificationServiceApplication;
import org.satupintu.notification.inbox.Notification;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.DeliveryStatus;
import org.satupintu.testsupport.TestInfrastructure;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Notifications per second, events consumed to in-app stored: starts the real service on an in-process Kafka
 * broker, the MongoDB-wire store and a GreenMail SMTP server (all on 127.0.0.1), publishes {@code events}
 * submitted events (each: applicant + office officer in-app, email and SMS deliveries) and measures until every
 * in-app notification is stored. Bounded by count and by {@code maxSeconds}. Run with {@code bench.sh}.
 */
public final class NotificationThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int maxSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("satupintu.tests.noDocker", "true");
        String kafka = TestInfrastructure.kafkaBootstrapServers();
        String mongo = TestInfrastructure.mongoUri();
        int smtpPort = Ports.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String run = UUID.randomUUID().toString().substring(0, 8);
        SpringApplication app = new SpringApplication(NotificationServiceApplication.class);
        // Command-line arguments: they win over application.yml (default properties would not).
        String[] overrides = {
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + kafka,
            "--spring.mongodb.uri=" + mongo,
            "--spring.mongodb.database=notifications-bench-" + run,
            "--spring.kafka.consumer.group-id=notification-service-bench-" + run,
            "--spring.kafka.properties.sasl.jaas.config=" + org.satupintu.local.KafkaAccess.jaasConfig(
                    "notification-service", TestInfrastructure.kafkaPassword("notification-service")),
            "--spring.mail.port=" + smtpPort,
            "--satupintu.notifications.consumer-concurrency=" + concurrency,
            "--logging.level.root=WARN"};
        try (ConfigurableApplicationContext context = app.run(overrides)) {
            MongoTemplate store = context.getBean(MongoTemplate.class);
            List<String> records = new ArrayList<>(events);
            for (int i = 0; i < events; i++) {
                EventMother.App a = EventMother.App.forApplicant(UUID.randomUUID().toString(), i % 2 == 0 ? "id" : "en");
                records.add(EventMother.submitted(a));
            }
            long expected = 2L * events;
            org.satupintu.testsupport.FlightRecording recording = org.satupintu.testsupport.FlightRecording
                    .start("fanout");
            long start = System.nanoTime();
            Map<String, Object> producerConfig = new java.util.HashMap<>(TestInfrastructure.kafkaAdminClient());
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig,
                    new StringSerializer(), new StringSerializer())) {
                List<CompletableFuture<?>> sent = new ArrayList<>();
                for (String record : records) {
                    String key = EventMother.idOf(record);
                    CompletableFuture<Object> done = new CompletableFuture<>();
                    producer.send(new ProducerRecord<>(Topics.APPLICATION_EVENTS, key, record),
                            (meta, e) -> done.complete(null));
                    sent.add(done);
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            }
            long published = System.nanoTime();
            long deadline = start + Duration.ofSeconds(maxSeconds).toNanos();
            long stored = 0;
            while (System.nanoTime() < deadline) {
                stored = store.count(new Query(), Notification.class);
                if (stored >= expected) {
                    break;
                }
                Thread.sleep(100);
            }
            long end = System.nanoTime();
            recording.close();
            double seconds = (end - start) / 1e9;
            long sentDeliveries = store.count(Query.query(Criteria.where("status").is(DeliveryStatus.SENT)),
                    Delivery.class);
            System.out.printf("events=%d publish=%.2fs stored_in_app=%d/%d elapsed=%.2fs%n", events,
                    (published - start) / 1e9, stored, expected, seconds);
            System.out.printf("RESULT events_per_second=%.1f in_app_notifications_per_second=%.1f "
                    + "(email+sms deliveries sent meanwhile: %d)%n", events * (stored / (double) expected) / seconds,
                    stored / seconds, sentDeliveries);
        }
        finally {
            smtp.stop();
        }
        System.exit(0);
    }
}

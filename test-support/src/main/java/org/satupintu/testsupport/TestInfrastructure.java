package org.satupintu.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.satupintu.local.KafkaAccess;
import org.satupintu.local.KafkaCredentials;
import org.satupintu.local.KafkaServer;
import org.satupintu.local.Ports;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real infrastructure for integration tests, started once per test JVM: the secured Kafka broker of the local
 * stack (a real Apache Kafka process, SASL/SCRAM and ACLs, every SatuPintu topic) and a MongoDB-wire server. Where
 * a Docker engine exists, a real MongoDB container (Testcontainers) is used instead. Keycloak is always the real
 * server ({@link KeycloakTestServer}).
 *
 * <p>A service under test connects as its own Kafka principal (its {@code spring.application.name}), with the
 * ACLs it has in production; test code that plays another service or an operator uses the admin principal
 * ({@link #kafkaAdminClient()}, {@link #publish(ProducerRecord)}).
 */
public final class TestInfrastructure {

    private static KafkaServer kafka;
    private static KafkaProducer<String, String> adminProducer;
    private static String mongoUri;

    private TestInfrastructure() {
    }

    /**
     * Points a Spring Boot test at the shared Kafka, MongoDB and Keycloak. The service authenticates to Kafka as
     * the principal named by its {@code spring.application.name}, with that principal's password.
     */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        for (String principal : KafkaAccess.SERVICE_PRINCIPALS) {
            registry.add("satupintu.test.kafka-passwords." + principal, () -> kafkaPassword(principal));
        }
        registry.add("spring.kafka.properties.sasl.jaas.config", () -> {
            kafkaBootstrapServers();
            return KafkaAccess.jaasConfig("${spring.application.name}",
                    "${satupintu.test.kafka-passwords.${spring.application.name}}");
        });
        registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
        registerKeycloak(registry);
    }

    /** Only the token settings, for tests that need no store or broker (e.g. the gateway). */
    public static void registerKeycloak(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> KeycloakTestServer.get().issuer());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> KeycloakTestServer.get().jwkSetUri());
    }

    public static String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** The secured broker of this test JVM, started on first use with fresh random credentials. */
    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            try {
                Path dir = Files.createTempDirectory("satupintu-test-kafka");
                KafkaServer server = KafkaServer.start(new KafkaServer.Options(dir, Ports.freePort(),
                        Ports.freePort(), dir.resolve("kafka.log"), KafkaCredentials.generate()));
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "kafka-test-broker-stop"));
                kafka = server;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kafka;
    }

    /** The credentials of the test broker's principals, e.g. for a broker of a test's own that a service joins. */
    public static KafkaCredentials kafkaCredentials() {
        return kafka().credentials();
    }

    /** The password of a principal of {@link KafkaAccess} on the test broker. */
    public static String kafkaPassword(String principal) {
        return kafkaCredentials().password(principal);
    }

    /** Client settings (bootstrap, SASL) of a principal of {@link KafkaAccess} on the test broker. */
    public static Map<String, Object> kafkaClient(String principal) {
        return kafka().clientProperties(principal);
    }

    /** Client settings of the admin (super user): for test code that reads everything or plays another service. */
    public static Map<String, Object> kafkaAdminClient() {
        return kafkaClient(KafkaAccess.ADMIN);
    }

    /** Publishes a record as the admin (e.g. an event of another service) and waits until the broker has it. */
    public static RecordMetadata publish(ProducerRecord<String, String> record) {
        KafkaProducer<String, String> producer;
        synchronized (TestInfrastructure.class) {
            if (adminProducer == null) {
                Map<String, Object> config = new HashMap<>(kafkaAdminClient());
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                adminProducer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
            }
            producer = adminProducer;
        }
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            if (dockerAvailable()) {
                MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
                mongo.start();
                mongoUri = mongo.getReplicaSetUrl();
            }
            else {
                MongoServer server = new MongoServer(new MemoryBackend());
                server.bind("127.0.0.1", 0);
                InetSocketAddress address = server.getLocalAddress();
                Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-test-server-stop"));
                mongoUri = "mongodb://127.0.0.1:" + address.getPort();
            }
        }
        return mongoUri;
    }

    /** True where a Docker engine answers; then Testcontainers provide MongoDB. */
    public static boolean dockerAvailable() {
        if (Boolean.getBoolean("satupintu.tests.noDocker")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

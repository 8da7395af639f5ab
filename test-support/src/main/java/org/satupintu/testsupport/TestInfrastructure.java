package org.satupintu.testsupport;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.satupintu.events.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real infrastructure for integration tests, started once per test JVM: a Kafka broker (in-process KRaft) with
 * every SatuPintu topic, and a MongoDB-wire server. Where a Docker engine exists, real MongoDB and Kafka
 * containers (Testcontainers) are used instead. Keycloak is always the real server ({@link KeycloakTestServer}).
 */
public final class TestInfrastructure {

    private static String kafkaBootstrap;
    private static String mongoUri;

    private TestInfrastructure() {
    }

    /** Points a Spring Boot test at the shared Kafka, MongoDB and Keycloak. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
        registerKeycloak(registry);
    }

    /** Only the token settings, for tests that need no store or broker (e.g. the gateway). */
    public static void registerKeycloak(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> KeycloakTestServer.get().issuer());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> KeycloakTestServer.get().jwkSetUri());
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            if (dockerAvailable()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            }
            else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3,
                        Topics.allWithDeadLetters().toArray(String[]::new));
                broker.brokerProperty("auto.create.topics.enable", "false");
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-test-broker-stop"));
                kafkaBootstrap = broker.getBrokersAsString();
            }
        }
        return kafkaBootstrap;
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

    /** True where a Docker engine answers; then Testcontainers provide MongoDB and Kafka. */
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

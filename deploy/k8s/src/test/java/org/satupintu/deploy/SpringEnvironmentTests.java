package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Each service's own application.yml read by Spring Boot with the environment the manifests give its container
 * (Secret values stand in for what the operator creates): the settings the service would really run with. Kafka
 * client and MongoDB settings are then handed to the Kafka clients' and the MongoDB driver's own parsers.
 */
class SpringEnvironmentTests {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"%s\" password=\"not-the-real-one\";";

    /** An empty application: only Spring Boot's config data processing runs. */
    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    /** The container's environment as the service would see it, Secret references filled with stand-ins. */
    private static Map<String, Object> containerEnvironment(List<ObjectNode> documents, String service) {
        Map<String, String> env = ServiceEnvironmentTests.environment(documents, Manifests.as(Manifests.one(
                documents, "Deployment", service), Deployment.class));
        Map<String, Object> resolved = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (value != null && value.startsWith("secret:")) {
                String secret = value.substring("secret:".length(), value.indexOf('/'));
                String key = value.substring(value.indexOf('/') + 1);
                value = switch (key) {
                    case "sasl.jaas.config" -> JAAS.formatted(secret);
                    case "uri" -> exampleValue(secret, "uri").replace("PASSWORD", "stand-in");
                    default -> "stand-in";
                };
            }
            resolved.put(name, value);
        });
        return resolved;
    }

    private static String exampleValue(String secret, String key) {
        return Manifests.read(Manifests.moduleDir().resolve("secrets/" + secret + ".env.example")).lines()
                .filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow().substring(key.length() + 1);
    }

    /** Runs Spring Boot's environment preparation for the service's application.yml and this environment. */
    private static Binder springEnvironment(String service, Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                sources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
            }
        };
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environment);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("spring.config.location", "file:" + Manifests.repoRoot().resolve(
                service + "/src/main/resources/application.yml"), "logging.level.root", "warn"));
        try (ConfigurableApplicationContext context = application.run()) {
            // With the environment's placeholder resolution, as @ConfigurationProperties binding does.
            return Binder.get(context.getEnvironment());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theBackendServicesWouldConnectToKafkaWithScramOverTlsAndToTheReplicaSet(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        for (String service : List.of("application-service", "document-service", "notification-service")) {
            Map<String, Object> env = containerEnvironment(documents, service);
            Binder spring = springEnvironment(service, env);
            int port = Manifests.as(Manifests.one(documents, "Deployment", service), Deployment.class).getSpec()
                    .getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
            assertThat(spring.bind("server.address", String.class).get()).as("%s binds", service)
                    .isEqualTo("0.0.0.0");
            assertThat(spring.bind("server.port", Integer.class).get()).isEqualTo(port);

            KafkaProperties kafka = spring.bind("spring.kafka", KafkaProperties.class).get();
            Map<String, Object> producer = kafka.buildProducerProperties();
            Map<String, Object> consumer = kafka.buildConsumerProperties();
            for (Map<String, Object> client : List.of(producer, consumer)) {
                assertThat(client).as("%s's Kafka client", service)
                        .containsEntry("bootstrap.servers", List.of("satupintu-kafka-kafka-bootstrap:9093"))
                        .containsEntry("security.protocol", "SASL_SSL")
                        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                        .containsEntry("sasl.jaas.config", JAAS.formatted("satupintu-" + service))
                        .containsEntry("ssl.truststore.type", "PEM")
                        .containsEntry("ssl.truststore.location", "/etc/satupintu/kafka-ca/ca.crt");
            }
            // The Kafka clients' own validation of every value (an unknown protocol or mechanism fails here).
            ProducerConfig producerConfig = new ProducerConfig(producer);
            assertThat(producerConfig.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
            ConsumerConfig consumerConfig = new ConsumerConfig(consumer);
            assertThat(consumerConfig.getString(ConsumerConfig.GROUP_ID_CONFIG)).isEqualTo(service);

            String uri = spring.bind("spring.mongodb.uri", String.class).get();
            String database = spring.bind("spring.mongodb.database", String.class).get();
            ConnectionString mongo = new ConnectionString(uri);
            assertThat(mongo.getRequiredReplicaSetName()).isEqualTo("rs0");
            assertThat(mongo.getHosts()).hasSize(3);
            assertThat(mongo.getCredential()).isNotNull();
            assertThat(mongo.getCredential().getUserName()).isEqualTo(service);
            assertThat(mongo.getCredential().getSource()).isEqualTo(database);

            assertThat(spring.bind("spring.security.oauth2.resourceserver.jwt.issuer-uri", String.class).get())
                    .isEqualTo(env.get("KEYCLOAK_ISSUER_URI"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theGatewayWouldRouteToTheServicesOfTheManifests(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        Binder spring = springEnvironment("gateway", containerEnvironment(documents, "gateway"));
        assertThat(spring.bind("server.address", String.class).get()).isEqualTo("0.0.0.0");
        for (String service : List.of("application-service", "document-service", "notification-service")) {
            String url = spring.bind("satupintu.gateway." + service + "-url", String.class).get();
            int port = Manifests.as(Manifests.one(documents, "Service", service),
                    io.fabric8.kubernetes.api.model.Service.class).getSpec().getPorts().get(0).getPort();
            assertThat(url).isEqualTo("http://" + service + ":" + port);
        }
        assertThat(spring.bind("satupintu.ops.kafka-bootstrap-servers", String.class).get())
                .isEqualTo("satupintu-kafka-kafka-bootstrap:9093");
    }
}

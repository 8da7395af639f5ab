package org.satupintu.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The ops view's Kafka clients as the Kubernetes manifests configure the gateway (deploy/k8s gateway.yaml): SCRAM
 * over TLS as its own KafkaUser (in the manifests through application.yml's {@code KAFKA_*} placeholders, here
 * bound directly), and the cluster CA as a PEM trust store through {@code SATUPINTU_OPS_KAFKAPROPERTIES_*}, bound
 * the way Spring Boot binds environment variables into a map.
 */
class OpsPropertiesTests {

    @Test
    void theManifestsEnvironmentBecomesAScramOverTlsClientWithTheClusterCa() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "manifest-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "SATUPINTU_OPS_KAFKABOOTSTRAPSERVERS", "satupintu-kafka-kafka-bootstrap:9093",
                "SATUPINTU_OPS_KAFKASECURITYPROTOCOL", "SASL_SSL",
                "SATUPINTU_OPS_KAFKASASLMECHANISM", "SCRAM-SHA-512",
                "SATUPINTU_OPS_KAFKAUSERNAME", "satupintu-gateway",
                "SATUPINTU_OPS_KAFKAPASSWORD", "from-the-secret",
                "SATUPINTU_OPS_KAFKAPROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM",
                "SATUPINTU_OPS_KAFKAPROPERTIES_SSL_TRUSTSTORE_LOCATION", "/etc/satupintu/kafka-ca/ca.crt")));
        OpsProperties ops = new Binder(ConfigurationPropertySources.get(environment))
                .bind("satupintu.ops", OpsProperties.class).get();

        Map<String, Object> client = ops.kafkaClient();
        assertThat(client).containsEntry("bootstrap.servers", "satupintu-kafka-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/satupintu/kafka-ca/ca.crt");
        assertThat((String) client.get("sasl.jaas.config")).contains("ScramLoginModule required",
                "username=\"satupintu-gateway\"", "password=\"from-the-secret\"");
    }
}

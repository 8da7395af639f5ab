package org.satupintu.gateway.ops;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param kafkaBootstrapServers the broker the ops view inspects
 * @param kafkaSecurityProtocol {@code SASL_PLAINTEXT} (the broker refuses anonymous clients), or {@code SASL_SSL}
 * @param kafkaSaslMechanism {@code SCRAM-SHA-512}
 * @param kafkaUsername the gateway's own Kafka principal: may describe topics and the services' groups, read dead
 *     letters and replay them to their topic, nothing else (local-stack KafkaAccess)
 * @param kafkaPassword its password
 * @param kafkaProperties further Kafka client settings, applied last (e.g. {@code ssl.truststore.location} for
 *     {@code SASL_SSL}, or a {@code sasl.jaas.config} from a secret)
 */
@ConfigurationProperties("satupintu.ops")
public record OpsProperties(String kafkaBootstrapServers, String kafkaSecurityProtocol, String kafkaSaslMechanism,
        String kafkaUsername, String kafkaPassword, @Nullable Map<String, String> kafkaProperties) {

    /** Settings every Kafka client of the ops view starts from. */
    Map<String, Object> kafkaClient() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafkaBootstrapServers);
        config.put("security.protocol", kafkaSecurityProtocol);
        if (kafkaSecurityProtocol.startsWith("SASL")) {
            if (kafkaUsername.contains("\"") || kafkaPassword.contains("\"")) {
                throw new IllegalArgumentException("Kafka user name and password must not contain '\"'");
            }
            config.put("sasl.mechanism", kafkaSaslMechanism);
            config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + kafkaUsername + "\" password=\"" + kafkaPassword + "\";");
        }
        if (kafkaProperties != null) {
            config.putAll(kafkaProperties);
        }
        return config;
    }
}

package org.satupintu.gateway.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param kafkaBootstrapServers the broker the ops view inspects */
@ConfigurationProperties("satupintu.ops")
public record OpsProperties(String kafkaBootstrapServers) {
}

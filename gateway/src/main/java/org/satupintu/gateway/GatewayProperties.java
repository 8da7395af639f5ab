package org.satupintu.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how the edge behaves.
 *
 * @param downstreamTimeout the time limiter of every route: a slow service answers 503 after this
 */
@ConfigurationProperties("satupintu.gateway")
public record GatewayProperties(String applicationServiceUrl, String documentServiceUrl, String notificationServiceUrl,
        List<String> corsAllowedOrigins, @DefaultValue("10s") Duration downstreamTimeout,
        @DefaultValue("120s") Duration uploadTimeout) {
}

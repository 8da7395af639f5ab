package org.satupintu.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how the edge behaves.
 *
 * @param applicationServiceUrl the first (by default the only) instance of application-service; the instances the
 *        gateway balances over are {@code spring.cloud.discovery.client.simple.instances.application-service}, which
 *        default to this one (likewise for the other two services)
 * @param downstreamTimeout the time limiter of every route: a slow service answers 503 after this
 * @param uploadTimeout the time limiter of document-service (uploads and downloads of large files)
 * @param queryTimeout the time limiter of application-service's lists and statistics, which have a breaker of
 *        their own so that slow queries never open the route for single-application calls
 * @param maxInFlightPerRoute calls in flight to one service beyond which the gateway answers 503 with
 *        {@code Retry-After} (see {@code ConcurrencyLimit})
 */
@ConfigurationProperties("satupintu.gateway")
public record GatewayProperties(String applicationServiceUrl, String documentServiceUrl, String notificationServiceUrl,
        List<String> corsAllowedOrigins, @DefaultValue("10s") Duration downstreamTimeout,
        @DefaultValue("120s") Duration uploadTimeout, @DefaultValue("30s") Duration queryTimeout,
        @DefaultValue("1024") int maxInFlightPerRoute) {
}

package org.satupintu.gateway.routing;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.satupintu.gateway.GatewayProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Routes every public path of API.md to the service that owns it, load-balanced over its instances, each behind a
 * Resilience4j circuit breaker and time limiter whose fallback answers 503 problem JSON.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    static final String APPLICATION = "application-service";
    static final String DOCUMENT = "document-service";
    static final String NOTIFICATION = "notification-service";
    /** application-service's lists and statistics: their own breaker and time limit (see breakerDefaults). */
    static final String APPLICATION_QUERIES = "application-service-queries";
    /** Load-balanced over the instances of each service (see {@link LoadBalancing}). */
    private static final String APPLICATION_URI = "lb://" + APPLICATION;
    private static final String DOCUMENT_URI = "lb://" + DOCUMENT;
    private static final String NOTIFICATION_URI = "lb://" + NOTIFICATION;

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, GatewayProperties properties) {
        int limit = properties.maxInFlightPerRoute();
        ConcurrencyLimit applicationLimit = new ConcurrencyLimit(APPLICATION, limit);
        return builder.routes()
                // Before the general route: lists and statistics may be slow as data grows; a breaker of their own
                // keeps them from taking single-application calls down with them.
                .route(APPLICATION_QUERIES, r -> r.method(HttpMethod.GET).and()
                        .path("/api/applications", "/api/applications/stats")
                        .filters(f -> resilient(f, APPLICATION_QUERIES, applicationLimit))
                        .uri(APPLICATION_URI))
                .route(APPLICATION, r -> r.path("/api/permit-types", "/api/permit-types/**", "/api/applications",
                        "/api/applications/**")
                        .filters(f -> resilient(f, APPLICATION, applicationLimit))
                        .uri(APPLICATION_URI))
                .route(DOCUMENT, r -> r.path("/api/documents", "/api/documents/**", "/api/public/permits/**")
                        .filters(f -> resilient(f, DOCUMENT, new ConcurrencyLimit(DOCUMENT, limit)))
                        .uri(DOCUMENT_URI))
                // The live stream stays open for minutes: no time limiter or breaker, the service ends it.
                .route("notification-stream", r -> r.path("/api/notifications/stream")
                        .uri(NOTIFICATION_URI))
                .route(NOTIFICATION, r -> r.path("/api/notifications", "/api/notifications/**", "/api/webhooks",
                        "/api/webhooks/**")
                        .filters(f -> resilient(f, NOTIFICATION, new ConcurrencyLimit(NOTIFICATION, limit)))
                        .uri(NOTIFICATION_URI))
                // Each service's OpenAPI document, for the one Swagger UI here.
                .route("application-service-api-docs", r -> r.path("/v3/api-docs/application-service")
                        .filters(f -> f.setPath("/v3/api-docs")).uri(APPLICATION_URI))
                .route("document-service-api-docs", r -> r.path("/v3/api-docs/document-service")
                        .filters(f -> f.setPath("/v3/api-docs")).uri(DOCUMENT_URI))
                .route("notification-service-api-docs", r -> r.path("/v3/api-docs/notification-service")
                        .filters(f -> f.setPath("/v3/api-docs")).uri(NOTIFICATION_URI))
                .build();
    }

    /**
     * First the route's explicit concurrency limit (outside the breaker: a refusal for load is not a failure of the
     * service), then the breaker, which counts connection errors, timeouts and 5xx answers of the service; its
     * fallback answers 503 problem JSON. Idempotent reads whose connection failed before an answer are retried
     * inside the breaker by {@link IdempotentRetryFilter}.
     */
    private static GatewayFilterSpec resilient(GatewayFilterSpec f, String breaker, ConcurrencyLimit limit) {
        String service = breaker.equals(APPLICATION_QUERIES) ? APPLICATION : breaker;
        return f.filter(limit).circuitBreaker(cb -> cb.setName(breaker).setFallbackUri("forward:/fallback/" + service)
                        .addStatusCode("500").addStatusCode("502").addStatusCode("503").addStatusCode("504"));
    }

    /**
     * A dead service costs nothing: the breaker opens after repeated failures and the time limit bounds waits. It
     * counts only what the service did (no bulkhead, and the concurrency limit answers before it).
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(id.equals(DOCUMENT) ? properties.uploadTimeout()
                                : id.equals(APPLICATION_QUERIES) ? properties.queryTimeout()
                                        : properties.downstreamTimeout())
                        .build())
                // Sized for an edge that many clients share: a few failed calls among a crowd's do not open it, a
                // service that fails half of its last 50 calls (at least 10) is left alone for 5 s, then probed.
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(50)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(5))
                        .permittedNumberOfCallsInHalfOpenState(5)
                        .build())
                .build());
    }
}

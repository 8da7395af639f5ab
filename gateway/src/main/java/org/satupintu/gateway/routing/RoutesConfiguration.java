package org.satupintu.gateway.routing;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.satupintu.gateway.GatewayProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routes every public path of API.md to the service that owns it, each behind a Resilience4j circuit breaker and
 * time limiter whose fallback answers 503 problem JSON.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    static final String APPLICATION = "application-service";
    static final String DOCUMENT = "document-service";
    static final String NOTIFICATION = "notification-service";

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, GatewayProperties properties) {
        return builder.routes()
                .route(APPLICATION, r -> r.path("/api/permit-types", "/api/permit-types/**", "/api/applications",
                        "/api/applications/**")
                        .filters(f -> f.circuitBreaker(cb -> cb.setName(APPLICATION)
                                .setFallbackUri("forward:/fallback/" + APPLICATION)))
                        .uri(properties.applicationServiceUrl()))
                .route(DOCUMENT, r -> r.path("/api/documents", "/api/documents/**", "/api/public/permits/**")
                        .filters(f -> f.circuitBreaker(cb -> cb.setName(DOCUMENT)
                                .setFallbackUri("forward:/fallback/" + DOCUMENT)))
                        .uri(properties.documentServiceUrl()))
                .route(NOTIFICATION, r -> r.path("/api/notifications", "/api/notifications/**", "/api/webhooks",
                        "/api/webhooks/**")
                        .filters(f -> f.circuitBreaker(cb -> cb.setName(NOTIFICATION)
                                .setFallbackUri("forward:/fallback/" + NOTIFICATION)))
                        .uri(properties.notificationServiceUrl()))
                .build();
    }

    /** A dead service costs nothing: the breaker opens after repeated failures and the time limit bounds waits. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(GatewayProperties properties) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(id.equals(DOCUMENT) ? properties.uploadTimeout()
                                : properties.downstreamTimeout())
                        .build())
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build())
                .build());
    }
}

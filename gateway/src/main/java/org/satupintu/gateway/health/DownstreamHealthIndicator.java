package org.satupintu.gateway.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.satupintu.gateway.GatewayProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether the services behind the gateway are ready (their {@code /actuator/health/readiness}, 2 s each, in
 * parallel). A service that is down makes the gateway {@code DEGRADED}, not {@code DOWN}, and this indicator is
 * left out of the gateway's readiness group on purpose: the routes of the healthy services keep working and the
 * breaker answers 503 for the others, so taking the whole gateway out of rotation would only widen the outage.
 */
@Component("downstreams")
class DownstreamHealthIndicator implements ReactiveHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A service behind the gateway is not ready");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, String> services = new LinkedHashMap<>();
    private final WebClient http = WebClient.create();

    DownstreamHealthIndicator(GatewayProperties properties) {
        services.put("application-service", properties.applicationServiceUrl());
        services.put("document-service", properties.documentServiceUrl());
        services.put("notification-service", properties.notificationServiceUrl());
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> ready(service.getValue()).map(ready -> Map.entry(service.getKey(), ready)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                .map(states -> {
                    Health.Builder health = states.containsValue(Boolean.FALSE) ? Health.status(DEGRADED)
                            : Health.up();
                    services.keySet().forEach(name -> health.withDetail(name,
                            Boolean.TRUE.equals(states.get(name)) ? "UP" : "DOWN"));
                    return health.build();
                });
    }

    private Mono<Boolean> ready(String baseUrl) {
        return http.get().uri(baseUrl + "/actuator/health/readiness").exchangeToMono(response -> response
                        .releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(TIMEOUT)
                .onErrorReturn(false);
    }
}

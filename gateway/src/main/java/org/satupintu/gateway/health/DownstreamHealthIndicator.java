package org.satupintu.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether the services behind the gateway are ready: the {@code /actuator/health/readiness} of every instance the
 * gateway balances over (2 s each, in parallel). A service with no ready instance is {@code DOWN}, one with some is
 * {@code UP (1 of 2 instances ready)}; either makes the gateway {@code DEGRADED}, not {@code DOWN}, and this
 * indicator is left out of the gateway's readiness group on purpose: the routes of the healthy services keep working
 * and the breaker answers 503 for the others, so taking the whole gateway out of rotation would only widen the outage.
 */
@Component("downstreams")
class DownstreamHealthIndicator implements ReactiveHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A service behind the gateway is not ready");
    static final List<String> SERVICES = List.of("application-service", "document-service", "notification-service");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveDiscoveryClient instances;
    private final WebClient http = WebClient.create();

    DownstreamHealthIndicator(ReactiveDiscoveryClient instances) {
        this.instances = instances;
    }

    private record Readiness(String service, long ready, long of) {

        String describe() {
            return ready == of ? (of == 0 ? "DOWN (no instance configured)" : "UP")
                    : ready == 0 ? "DOWN" : "UP (" + ready + " of " + of + " instances ready)";
        }
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(SERVICES).flatMapSequential(this::readiness).collectList().map(states -> {
            boolean allReady = states.stream().allMatch(s -> s.of() > 0 && s.ready() == s.of());
            Health.Builder health = allReady ? Health.up() : Health.status(DEGRADED);
            Map<String, String> details = new LinkedHashMap<>();
            states.forEach(s -> details.put(s.service(), s.describe()));
            return health.withDetails(details).build();
        });
    }

    private Mono<Readiness> readiness(String service) {
        return instances.getInstances(service).map(ServiceInstance::getUri).flatMap(this::ready).collectList()
                .map(ready -> new Readiness(service, ready.stream().filter(Boolean::booleanValue).count(),
                        ready.size()));
    }

    private Mono<Boolean> ready(URI baseUrl) {
        return http.get().uri(baseUrl + "/actuator/health/readiness").exchangeToMono(response -> response
                        .releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(TIMEOUT)
                .onErrorReturn(false);
    }
}

package org.satupintu.document.applicationservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only way document-service calls application-service. A request's calls forward the caller's own token (so
 * application-service applies its own visibility); the issuance check, which has no caller, uses document-service's
 * own client-credentials token ({@link ServiceToken}). Every call, token fetch included, runs behind the circuit
 * breaker {@value #BREAKER} with a time limit, and an outage becomes a 503 problem. Permit-type rules are cached
 * briefly: they change rarely and are needed on every upload.
 */
@Component
public class ApplicationServiceClient {

    static final String BREAKER = "application-service";
    private static final Logger log = LoggerFactory.getLogger(ApplicationServiceClient.class);

    private final ApplicationServiceProperties properties;
    private final CircuitBreaker breaker;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ServiceToken serviceToken;
    private final Map<String, Cached> permitTypes = new ConcurrentHashMap<>();
    private final AtomicInteger nextInstance = new AtomicInteger();

    private record Cached(PermitTypeRules rules, Instant until) {
    }

    /** "Not there" is a successful answer for the breaker, unlike an error or a timeout. */
    private record Answer<T>(Optional<T> value) {
    }

    ApplicationServiceClient(ApplicationServiceProperties properties, CircuitBreakerFactory<?, ?> breakers,
            JsonMapper json, Clock clock) {
        this.properties = properties;
        this.breaker = breakers.create(BREAKER);
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.serviceToken = new ServiceToken(properties, http, json, clock);
    }

    /** The permit type's document rules, or empty if application-service does not know the code. */
    public Optional<PermitTypeRules> permitType(String code, String bearerToken) {
        Cached cached = permitTypes.get(code);
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.rules());
        }
        Optional<PermitTypeRules> rules = call(() -> get("/api/permit-types/" + segment(code), bearerToken)
                .map(this::permitTypeRules));
        rules.ifPresent(r -> permitTypes.put(code, new Cached(r, now.plus(properties.permitTypeCacheTtl()))));
        return rules;
    }

    /** The application as the caller may see it, or empty if it does not exist or is not visible to them. */
    public Optional<RemoteApplication> application(String id, String bearerToken) {
        return call(() -> get("/api/applications/" + segment(id), bearerToken).map(this::application));
    }

    /**
     * What application-service says of an application's issuance, asked with document-service's own token; empty
     * if it does not exist or was never issued.
     */
    public Optional<Issuance> issuance(String applicationId) {
        return call(() -> {
            HttpResponse<String> response = send("/api/internal/issuances/" + segment(applicationId),
                    serviceToken.get());
            return switch (response.statusCode()) {
                case 200 -> Optional.of(issuance(json.readTree(response.body())));
                case 404 -> Optional.<Issuance>empty();
                case 401, 403 -> {
                    // Our token was refused: fetch a new one next time, and count this as a failure (retry).
                    serviceToken.forget();
                    throw new IllegalStateException("application-service refused document-service's token: "
                            + response.statusCode());
                }
                default -> throw new IllegalStateException("application-service answered "
                        + response.statusCode() + " for an issuance");
            };
        });
    }

    private <T> Optional<T> call(Supplier<Optional<T>> request) {
        Answer<T> answer = breaker.run(() -> new Answer<>(request.get()), failure -> {
            log.warn("application-service call failed: {}", String.valueOf(failure));
            throw new ApplicationServiceUnavailableException();
        });
        return answer.value();
    }

    private Optional<JsonNode> get(String path, String bearerToken) {
        HttpResponse<String> response = send(path, bearerToken);
        int status = response.statusCode();
        if (status == 200) {
            return Optional.of(json.readTree(response.body()));
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            // Unknown, or not visible to this caller: both are "not there" for them.
            return Optional.empty();
        }
        throw new IllegalStateException("application-service answered " + status + " for " + path);
    }

    /**
     * Sends to the instances in turn (round robin); a refused connection, where the request never left, is tried
     * on the next instance, so one replica that is down costs no failed call.
     */
    private HttpResponse<String> send(String path, String bearerToken) {
        List<URI> instances = properties.url();
        int first = Math.floorMod(nextInstance.getAndIncrement(), instances.size());
        IOException refused = new IOException("no instance of application-service configured");
        for (int i = 0; i < instances.size(); i++) {
            URI base = instances.get((first + i) % instances.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(properties.timeout())
                    .header("Authorization", "Bearer " + bearerToken)
                    .header("Accept", "application/json")
                    .GET().build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException e) {
                if (!(e instanceof ConnectException) && !(e.getCause() instanceof ConnectException)) {
                    throw new UncheckedIOException(e);
                }
                refused = e;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new UncheckedIOException(refused);
    }

    private Issuance issuance(JsonNode node) {
        return new Issuance(node.path("applicationId").asString(), node.path("state").asString(),
                node.path("permitNumber").asString(), node.path("officeCode").asString(),
                node.path("permitTypeCode").asString(), node.path("holder").path("id").asString(),
                node.path("holder").path("name").asString(null));
    }

    private PermitTypeRules permitTypeRules(JsonNode node) {
        List<RequirementRules> requirements = new ArrayList<>();
        for (JsonNode r : node.path("requirements")) {
            List<String> types = new ArrayList<>();
            r.path("contentTypes").forEach(t -> types.add(t.asString()));
            requirements.add(new RequirementRules(r.path("code").asString(), List.copyOf(types),
                    r.path("maxSizeBytes").asLong(Long.MAX_VALUE)));
        }
        return new PermitTypeRules(node.path("code").asString(), List.copyOf(requirements));
    }

    private RemoteApplication application(JsonNode node) {
        String registration = node.path("registrationNumber").asString(null);
        String permit = node.path("permitNumber").asString(null);
        String name = node.path("applicant").path("name").asString(null);
        return new RemoteApplication(node.path("id").asString(), node.path("officeCode").asString(),
                node.path("applicant").path("id").asString(), name, node.path("state").asString(),
                node.path("permitTypeCode").asString(), registration, permit);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The breaker opens after repeated failures; the time limiter bounds every wait. */
    @Configuration(proxyBeanMethods = false)
    static class BreakerConfiguration {

        @Bean
        Customizer<Resilience4JCircuitBreakerFactory> applicationServiceBreaker(
                ApplicationServiceProperties properties) {
            return factory -> factory.configure(builder -> builder
                    .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(properties.timeout()).build())
                    .circuitBreakerConfig(CircuitBreakerConfig.custom()
                            .slidingWindowSize(20)
                            .minimumNumberOfCalls(5)
                            .failureRateThreshold(50)
                            .waitDurationInOpenState(Duration.ofSeconds(10))
                            .permittedNumberOfCallsInHalfOpenState(3)
                            .build()), BREAKER);
        }
    }
}

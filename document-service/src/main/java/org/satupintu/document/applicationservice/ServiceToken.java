package org.satupintu.document.applicationservice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * document-service's own access token (client-credentials grant of its confidential client), reused until shortly
 * before it expires. Fetched only inside {@link ApplicationServiceClient}'s circuit breaker: an identity provider
 * that does not answer is an outage like application-service not answering.
 */
final class ServiceToken {

    /** A token is replaced this long before it expires (or at half its life, if that is shorter). */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final ApplicationServiceProperties properties;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private @Nullable Cached cached;

    private record Cached(String value, Instant renewAt) {
    }

    ServiceToken(ApplicationServiceProperties properties, HttpClient http, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** A current token, from the cache or freshly fetched. */
    synchronized String get() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.renewAt())) {
            return cached.value();
        }
        cached = fetch(now);
        return cached.value();
    }

    /** Forgets the token, e.g. after application-service refused it (the realm or the secret changed). */
    synchronized void forget() {
        cached = null;
    }

    private Cached fetch(Instant now) {
        if (properties.clientSecret().isBlank()) {
            throw new IllegalStateException("No client secret for " + properties.clientId()
                    + " (satupintu.application-service.client-secret, env SERVICE_CLIENT_SECRET)");
        }
        String basic = Base64.getEncoder().encodeToString((form(properties.clientId()) + ":"
                + form(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(properties.tokenUri())
                .timeout(properties.timeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            // The body of a refusal names the reason (invalid_client, ...), never the secret.
            throw new IllegalStateException("Token endpoint answered " + response.statusCode() + " for client "
                    + properties.clientId() + ": " + abbreviate(response.body()));
        }
        JsonNode body = json.readTree(response.body());
        String token = body.path("access_token").asString("");
        if (token.isBlank()) {
            throw new IllegalStateException("Token endpoint answered without an access token");
        }
        long lifetime = Math.max(1, body.path("expires_in").asLong(60));
        long margin = Math.min(MARGIN.toSeconds(), lifetime / 2);
        return new Cached(token, now.plusSeconds(lifetime - margin));
    }

    /** RFC 6749 2.3.1: client id and secret are form-encoded before they go into the Basic header. */
    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

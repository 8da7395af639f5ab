package org.satupintu.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * Real access tokens from {@link KeycloakTestServer}, reused for a minute (they live five) so a test class does
 * not ask Keycloak for every request.
 */
public final class Tokens {

    private static final Duration REUSE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Issued> CACHE = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {

        boolean fresh() {
            return at.plus(REUSE).isAfter(Instant.now());
        }
    }

    private Tokens() {
    }

    /** A demo user's token (password grant through the public client {@code satupintu-web}; password = name). */
    public static String password(String username) {
        return cached("user " + username, Map.of("grant_type", "password", "client_id", "satupintu-web",
                "username", username, "password", username));
    }

    /**
     * A real, correctly signed token of the same realm that is NOT meant for the SatuPintu API: issued to the
     * realm's built-in {@code admin-cli} client, which has no audience mapper, so {@code aud} lacks
     * {@code satupintu-api}. Every resource server must refuse it.
     */
    public static String otherAudience(String username) {
        return cached("admin-cli " + username, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", username, "password", username));
    }

    /** A confidential client's token (client credentials), e.g. {@code office-sulut-manado}. */
    public static String clientCredentials(String clientId, String secret) {
        return cached("client " + clientId + " " + secret, Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret));
    }

    private static String cached(String key, Map<String, String> form) {
        Issued issued = CACHE.get(key);
        if (issued == null || !issued.fresh()) {
            issued = new Issued(request(form), Instant.now());
            CACHE.put(key, issued);
        }
        return issued.token();
    }

    private static String request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(KeycloakTestServer.get().tokenEndpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + form.get("client_id") + " ("
                        + form.getOrDefault("username", form.get("grant_type")) + "): " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asString();
        }
        catch (IOException e) {
            throw new IllegalStateException("Token request to " + request.uri() + " failed: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

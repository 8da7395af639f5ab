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

    /**
     * A real token that expires {@code lifespan} after it is issued: a confidential client of the realm whose access
     * tokens live that long is created once through Keycloak's admin API (master realm, admin/admin), with the
     * audience mapper for {@code satupintu-api}. Never cached.
     */
    public static String expiringAfter(Duration lifespan) {
        String clientId = "short-lived-" + lifespan.toSeconds() + "s";
        String secret = "short-lived-secret";
        String base = KeycloakTestServer.get().baseUrl();
        String admin = request(base + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", "admin"));
        String client = """
                {"clientId":"%s","enabled":true,"publicClient":false,"secret":"%s","serviceAccountsEnabled":true,
                 "standardFlowEnabled":false,"directAccessGrantsEnabled":false,
                 "attributes":{"access.token.lifespan":"%d"},
                 "protocolMappers":[{"name":"satupintu-api audience","protocol":"openid-connect",
                   "protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"satupintu-api",
                   "access.token.claim":"true","id.token.claim":"false"}}]}""".formatted(clientId, secret,
                lifespan.toSeconds());
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                            URI.create(base + "/admin/realms/satupintu/clients"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(client)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IllegalStateException("Could not create " + clientId + ": " + created.statusCode() + " "
                        + created.body());
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API failed: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return request(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** The {@code exp} claim of a token, read without checking it (the resource server checks). */
    public static Instant expiryOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8);
        return Instant.ofEpochSecond(JSON.readTree(payload).path("exp").asLong());
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
        return request(KeycloakTestServer.get().tokenEndpoint(), form);
    }

    private static String request(String tokenEndpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
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

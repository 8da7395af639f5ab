package org.satupintu.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens that must be refused, made by hand. Expired ones are made without waiting: an extra RSA key is imported into
 * the test platform's realm through Keycloak's admin API (lowest priority, so Keycloak keeps signing with its own),
 * which makes the realm publish it in its JWKS; tokens signed with it are as good as Keycloak's own until a claim is
 * wrong. {@link #validControl} proves that, so an expired token's 401 is about expiry and nothing else.
 */
final class ForgedTokens implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String keycloak;
    private final HttpClient http = HttpClient.newHttpClient();
    private final KeyPair keys;
    private final String componentId;
    private final String kid;

    private ForgedTokens(String keycloak) throws IOException, InterruptedException, GeneralSecurityException {
        this.keycloak = keycloak;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
        String realmId = JSON.readTree(admin("GET", "/admin/realms/satupintu", null).body()).path("id").asString();
        String component = """
                {"name":"system-tests-extra-key","providerId":"rsa","providerType":"org.keycloak.keys.KeyProvider",
                 "parentId":"%s","config":{"priority":["-100"],"enabled":["true"],"active":["true"],
                 "algorithm":["RS256"],"privateKey":["%s"]}}""".formatted(realmId,
                Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        HttpResponse<String> created = admin("POST", "/admin/realms/satupintu/components", component);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the extra key: " + created.statusCode() + " "
                    + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        this.componentId = location.substring(location.lastIndexOf('/') + 1);
        String found = null;
        for (JsonNode key : JSON.readTree(admin("GET", "/admin/realms/satupintu/keys", null).body()).path("keys")) {
            if (componentId.equals(key.path("providerId").asString())) {
                found = key.path("kid").asString();
            }
        }
        if (found == null) {
            throw new IllegalStateException("The extra key is not among the realm's keys");
        }
        this.kid = found;
    }

    static ForgedTokens install() {
        try {
            return new ForgedTokens(RunningPlatform.get().keycloak().baseUrl());
        }
        catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not set up the extra realm key: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a real token, signed with the extra realm key: accepted everywhere. */
    String validControl(String realToken) {
        return signed(realToken, claims -> { });
    }

    /** Expired an hour ago, far beyond any clock-skew allowance. */
    String expired(String realToken) {
        long now = Instant.now().getEpochSecond();
        return signed(realToken, claims -> claims.put("exp", now - 3600).put("iat", now - 3900));
    }

    /** Not valid before an hour from now. */
    String notYetValid(String realToken) {
        return signed(realToken, claims -> claims.put("nbf", Instant.now().getEpochSecond() + 3600));
    }

    String otherIssuer(String realToken) {
        return signed(realToken, claims -> claims.put("iss", "https://login.example.org/realms/satupintu"));
    }

    /** Signed by a realm key but without the API audience. */
    String otherAudience(String realToken) {
        return signed(realToken, claims -> claims.put("aud", "account"));
    }

    private String signed(String realToken, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(realToken.split("\\.")[1]));
        change.accept(claims);
        String head = B64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + B64.encodeToString(rsa.sign());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic downgrade: header alg none, no signature. */
    static String algNone(String realToken) {
        String[] parts = realToken.split("\\.");
        return B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + ".";
    }

    /** The real signature over claims that now make the caller an admin. */
    static String escalated(String realToken) {
        String[] parts = realToken.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.putObject("realm_access").putArray("roles").add("admin").add("ops");
        return parts[0] + "." + B64.encodeToString(JSON.writeValueAsBytes(claims)) + "." + parts[2];
    }

    /** Key confusion: HS256 "signed" with the realm's public key material as the HMAC secret. */
    static String hmacWithPublicKey(String realToken, String publicKeyMaterial) {
        String[] parts = realToken.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        String head = B64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + header.path("kid")
                .asString() + "\"}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKeyMaterial.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((head + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return head + "." + parts[1] + "." + B64.encodeToString(signature);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The realm's public key as Keycloak publishes it (base64), e.g. for the key-confusion token. */
    String realmPublicKey() {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/satupintu")).GET().build())
                .body()).path("public_key").asString();
    }

    /** A correctly signed token of the master realm (another issuer altogether). */
    String masterRealmToken() {
        return token("/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password", "client_id",
                "admin-cli", "username", "admin", "password", "admin"));
    }

    /** A correctly signed token of the right realm for a client without the API audience ({@code admin-cli}). */
    String adminCliToken(String username) {
        return token("/realms/satupintu/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", username, "password", username));
    }

    @Override
    public void close() {
        admin("DELETE", "/admin/realms/satupintu/components/" + componentId, null);
        http.close();
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        String token = masterRealmToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String token(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.satupintu.drills;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A crowd of applicants: demo users {@code crowd-01} … created in the platform's realm through Keycloak's admin
 * REST API (the local Keycloak's bootstrap admin), each with the realm role {@code applicant} and password = name.
 * A crowd spreads load over many token subjects, as a morning rush does, so the gateway's per-client rate limit
 * is not what stops it.
 */
final class Crowd {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Crowd() {
    }

    /** The names of {@code size} applicants, created if they do not exist yet. */
    static List<String> applicants(int size) {
        String keycloak = Drills.platform().issuer().replaceFirst("/realms/satupintu$", "");
        String admin = adminToken(keycloak);
        String realm = keycloak + "/admin/realms/satupintu";
        JsonNode applicantRole = Drills.JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm + "/roles/applicant"))
                .header("Authorization", "Bearer " + admin).GET(), 200));
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String name = String.format("crowd-%02d", i);
            names.add(name);
            String user = """
                    {"username":"%1$s","enabled":true,"email":"%1$s@crowd.example.id","emailVerified":true,
                     "firstName":"Crowd","lastName":"%2$02d",
                     "credentials":[{"type":"password","value":"%1$s","temporary":false}]}""".formatted(name, i);
            send(HttpRequest.newBuilder(URI.create(realm + "/users")).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(user)),
                    201, 409);
            JsonNode found = Drills.JSON.readTree(send(HttpRequest.newBuilder(URI.create(realm
                    + "/users?exact=true&username=" + name)).header("Authorization", "Bearer " + admin).GET(), 200));
            String id = found.path(0).path("id").asString();
            send(HttpRequest.newBuilder(URI.create(realm + "/users/" + id + "/role-mappings/realm"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + applicantRole + "]")), 204);
        }
        return names;
    }

    private static String adminToken(String keycloak) {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        String body = send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200);
        return Drills.JSON.readTree(body).path("access_token").asString();
    }

    private static String send(HttpRequest.Builder request, int... expected) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body();
                }
            }
            throw new IllegalStateException("Keycloak admin API answered " + response.statusCode() + ": "
                    + response.body());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

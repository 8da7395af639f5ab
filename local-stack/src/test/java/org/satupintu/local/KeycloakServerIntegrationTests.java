package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Keycloak server with the dev realm of {@code infra/keycloak}: real tokens, decoded from the JWT
 * payload, carry what the services rely on.
 */
class KeycloakServerIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    private static KeycloakServer.Options options;
    private static KeycloakServer keycloak;
    private static Duration firstStart;

    @BeforeAll
    static void start() {
        options = new KeycloakServer.Options(KeycloakServer.defaultCacheDir(), dataDir, Ports.freePort(),
                Ports.freePort(), repoRoot().resolve("infra/keycloak/satupintu-realm.json"),
                dataDir.resolve("keycloak.log"));
        long started = System.nanoTime();
        keycloak = KeycloakServer.start(options);
        firstStart = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("Keycloak first start (fresh data dir) took " + firstStart.toMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void applicantTokenCarriesRoleAudienceAndIssuer() {
        Map<String, Object> claims = claims(passwordGrant("ani", "ani"));

        assertThat(roles(claims)).contains("applicant").doesNotContain("officer", "integration");
        assertThat(audience(claims)).contains("satupintu-api");
        assertThat(claims.get("iss")).isEqualTo("http://localhost:" + options.httpPort() + "/realms/satupintu");
        assertThat(claims).containsEntry("preferred_username", "ani").containsEntry("email", "ani@example.id")
                .containsEntry("phone_number", "+6281234560001").doesNotContainKey("office");
    }

    @Test
    void officerTokenCarriesOfficeAndRole() {
        Map<String, Object> claims = claims(passwordGrant("budi", "budi"));

        assertThat(roles(claims)).contains("officer").doesNotContain("supervisor");
        assertThat(claims).containsEntry("office", "SULUT-MANADO");
        assertThat(audience(claims)).contains("satupintu-api");
    }

    @Test
    void supervisorTokenCarriesOfficeAndRole() {
        Map<String, Object> claims = claims(passwordGrant("citra", "citra"));

        assertThat(roles(claims)).contains("supervisor");
        assertThat(claims).containsEntry("office", "SULUT-MANADO");
    }

    @Test
    void officerOfAnotherOfficeCarriesThatOffice() {
        Map<String, Object> claims = claims(passwordGrant("dewi", "dewi"));

        assertThat(roles(claims)).contains("officer");
        assertThat(claims).containsEntry("office", "SULUT-BITUNG");
    }

    @Test
    void opsAndAdminCarryTheirRolesWithoutOffice() {
        assertThat(roles(claims(passwordGrant("olga", "olga")))).contains("ops");
        assertThat(roles(claims(passwordGrant("adi", "adi")))).contains("admin");
        assertThat(claims(passwordGrant("eko", "eko"))).doesNotContainKey("office");
    }

    @Test
    void officeSystemGetsIntegrationRoleAndOfficeWithClientCredentials() {
        HttpResponse<String> response = post(keycloak.tokenEndpoint(), Map.of("grant_type", "client_credentials",
                "client_id", "office-sulut-manado", "client_secret", "dev-secret-manado"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> claims = claims(accessToken(response));

        assertThat(roles(claims)).contains("integration");
        assertThat(claims).containsEntry("office", "SULUT-MANADO").containsEntry("azp", "office-sulut-manado");
        assertThat(audience(claims)).contains("satupintu-api");
    }

    /** Keycloak 26 answers a wrong user password with 400 invalid_grant (RFC 6749 5.2), not 401. */
    @Test
    void wrongPasswordIsRejected() {
        HttpResponse<String> response = post(keycloak.tokenEndpoint(), Map.of("grant_type", "password",
                "client_id", "satupintu-web", "username", "ani", "password", "not-ani"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Document.parse(response.body()).getString("error")).isEqualTo("invalid_grant");
    }

    @Test
    void wrongClientSecretIsUnauthorized() {
        HttpResponse<String> response = post(keycloak.tokenEndpoint(), Map.of("grant_type", "client_credentials",
                "client_id", "office-sulut-manado", "client_secret", "guess"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    void discoveryNamesTheFixedIssuerAndEndpoints() {
        Document discovery = Document.parse(get(keycloak.issuer() + "/.well-known/openid-configuration", null).body());

        assertThat(discovery.getString("issuer")).isEqualTo(keycloak.issuer());
        assertThat(discovery.getString("token_endpoint")).isEqualTo(keycloak.tokenEndpoint());
        assertThat(discovery.getString("jwks_uri")).isEqualTo(keycloak.jwkSetUri());
    }

    /** The attribute is declared in the user profile: undeclared attributes are hidden from the admin API. */
    @Test
    void officeAttributeIsVisibleToAdministrators() {
        HttpResponse<String> adminToken = post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        HttpResponse<String> users = get(keycloak.baseUrl() + "/admin/realms/satupintu/users?exact=true&username=dewi",
                accessToken(adminToken));

        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        assertThat(users.body()).contains("\"office\":[\"SULUT-BITUNG\"]");
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        InetAddress external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(external != null, "no non-loopback address on this machine");

        for (int port : List.of(options.httpPort(), options.managementPort())) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(external, port), 2000);
                }
            }).as("port %d on %s", port, external).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closeStopsTheWholeTreeAndARestartKeepsTheRealm() {
        List<ProcessHandle> tree = keycloak.process().tree();
        assertThat(tree).hasSizeGreaterThanOrEqualTo(2); // kc.sh and its JVM

        keycloak.close();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.exists(dataDir.resolve("realm-import.sha256"))).isTrue();

        long started = System.nanoTime();
        keycloak = KeycloakServer.start(options);
        Duration restart = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("Keycloak restart (same data dir) took " + restart.toMillis() + " ms");

        assertThat(roles(claims(passwordGrant("budi", "budi")))).contains("officer");
        assertThat(KeycloakDistribution.tail(options.logFile(), 400)).doesNotContain("Realm file changed");
    }

    private static String passwordGrant(String username, String password) {
        HttpResponse<String> response = post(keycloak.tokenEndpoint(), Map.of("grant_type", "password",
                "client_id", "satupintu-web", "username", username, "password", password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return accessToken(response);
    }

    private static String accessToken(HttpResponse<String> response) {
        return Document.parse(response.body()).getString("access_token");
    }

    /** The JWT payload; JSON parsed with the BSON library already on the test classpath. */
    private static Map<String, Object> claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Document.parse(payload);
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> claims) {
        return (List<String>) ((Map<String, Object>) claims.get("realm_access")).get("roles");
    }

    /** {@code aud} is a string when there is one audience, an array otherwise. */
    @SuppressWarnings("unchecked")
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> list ? (List<String>) list : List.of((String) aud);
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/keycloak"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No infra/keycloak above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

package org.satupintu.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keycloak through its operator in production mode, and the production realm: the dev realm's roles and token
 * mappers, none of its demo users or known client secrets.
 */
class KeycloakResourcesTests {

    /**
     * The operator's CRDs of December 2024, which served these kinds as v2alpha1; v2beta1 (operator 26.x) kept the
     * fields used here. Unknown or misspelt fields and wrong types fail, in the realm representation too.
     */
    private static final CrdSchema KEYCLOAK_CRDS = CrdSchema.load(Manifests.moduleDir().resolve(
            "src/test/resources/crds/keycloak-operator-2024.12.12")).withVersionAlias("k8s.keycloak.org", "v2alpha1",
                    "v2beta1");

    private static final JsonNode DEV_REALM = Manifests.parseAll(Manifests.read(Manifests.repoRoot()
            .resolve("infra/keycloak/satupintu-realm.json"))).get(0);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void keycloakRunsInProductionModeBehindTheProxyWithItsDatabaseFromASecret(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        ObjectNode keycloak = Manifests.one(documents, "Keycloak", "satupintu-keycloak");
        assertThat(keycloak.path("apiVersion").asText()).isEqualTo("k8s.keycloak.org/v2beta1");
        assertThat(KEYCLOAK_CRDS.validate(keycloak)).isEmpty();
        JsonNode spec = keycloak.path("spec");
        assertThat(spec.at("/hostname/hostname").asText()).startsWith("https://");
        assertThat(spec.at("/proxy/headers").asText()).isEqualTo("xforwarded");
        assertThat(spec.at("/db/vendor").asText()).isEqualTo("postgres");
        for (String field : List.of("usernameSecret", "passwordSecret")) {
            assertThat(spec.at("/db/" + field + "/name").asText()).as("db %s", field).isEqualTo("keycloak-db");
        }
        assertThat(spec.path("db").has("password")).isFalse();
        assertThat(spec.at("/bootstrapAdmin/user/secret").asText()).isEqualTo("keycloak-bootstrap-admin");
        // Production mode: the operator starts `kc.sh start`; nothing here asks for start-dev.
        assertThat(keycloak.toString()).doesNotContain("start-dev");
        assertThat(spec.path("startOptimized").asBoolean(false)).isFalse();
        // One in dev, two in a province, three (one per zone) in the country.
        assertThat(spec.path("instances").asInt()).as("Keycloak instances in %s", overlay).isEqualTo(switch (overlay) {
            case "dev" -> 1;
            case "province" -> 2;
            default -> 3;
        });

        // The services trust tokens of this Keycloak's public URL and fetch its keys inside the cluster.
        String realm = Manifests.one(documents, "KeycloakRealmImport", "satupintu-realm").at("/spec/realm/realm")
                .asText();
        for (String service : Manifests.SERVICES) {
            Map<String, String> env = ServiceEnvironmentTests.environment(documents,
                    Manifests.as(Manifests.one(documents, "Deployment", service), Deployment.class));
            assertThat(env.get("KEYCLOAK_ISSUER_URI")).isEqualTo(spec.at("/hostname/hostname").asText() + "/realms/"
                    + realm);
            assertThat(env.get("KEYCLOAK_JWK_SET_URI")).isEqualTo("http://" + Manifests.name(keycloak)
                    + "-service:8080/realms/" + realm + "/protocol/openid-connect/certs");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theProductionRealmHasNoDemoUsersNoKnownSecretsAndTheDevRealmsRolesAndMappers(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        ObjectNode imported = Manifests.one(documents, "KeycloakRealmImport", "satupintu-realm");
        assertThat(imported.path("apiVersion").asText()).isEqualTo("k8s.keycloak.org/v2beta1");
        assertThat(imported.at("/spec/keycloakCRName").asText()).isEqualTo("satupintu-keycloak");
        assertThat(KEYCLOAK_CRDS.validate(imported)).isEmpty();
        JsonNode realm = imported.at("/spec/realm");
        assertThat(violationsOf(realm)).isEmpty();

        // Exactly the dev realm made for production, for the public URL the gateway serves.
        String publicUrl = ServiceEnvironmentTests.environment(documents, Manifests.as(Manifests.one(documents,
                "Deployment", "gateway"), Deployment.class)).get("CORS_ALLOWED_ORIGINS").split(",")[0];
        ObjectNode expected = ProductionRealm.from(DEV_REALM, publicUrl);
        if (!expected.equals(realm)) {
            java.nio.file.Path suggestion = Manifests.moduleDir().resolve("target/keycloak-realm-import.yaml");
            try {
                java.nio.file.Files.createDirectories(suggestion.getParent());
                java.nio.file.Files.writeString(suggestion, ProductionRealm.importFile(expected));
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new AssertionError("base/keycloak/keycloak-realm-import.yaml is not the dev realm made for "
                    + "production (did infra/keycloak/satupintu-realm.json change?). Review and copy " + suggestion
                    + " over it.");
        }

        assertThat(realm.path("realm").asText()).isEqualTo(DEV_REALM.path("realm").asText());
        assertThat(realm.path("roles")).isEqualTo(DEV_REALM.path("roles"));
        assertThat(realm.path("components")).as("user profile (office, phone)").isEqualTo(DEV_REALM.path("components"));
        JsonNode web = client(realm, "satupintu-web");
        assertThat(web.path("protocolMappers")).isEqualTo(client(DEV_REALM, "satupintu-web").path("protocolMappers"));
        // The audience the mapper adds is the one the services require.
        String audience = ServiceEnvironmentTests.environment(documents, Manifests.as(Manifests.one(documents,
                "Deployment", "gateway"), Deployment.class)).get("SATUPINTU_AUDIENCE");
        assertThat(web.path("protocolMappers").toString()).contains("\"included.custom.audience\":\"" + audience
                + "\"");
        // Redirects go only to the public host that the gateway's CORS allows.
        String origin = ServiceEnvironmentTests.environment(documents, Manifests.as(Manifests.one(documents,
                "Deployment", "gateway"), Deployment.class)).get("CORS_ALLOWED_ORIGINS");
        web.path("webOrigins").forEach(o -> assertThat(origin.split(",")).contains(o.asText()));
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("No client " + clientId);
    }

    /** What a production realm must not have. */
    static List<String> violationsOf(JsonNode realm) {
        List<String> violations = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            // Only the service accounts of the platform's own clients, which nobody logs in as.
            if (!user.hasNonNull("serviceAccountClientId") || user.has("credentials")) {
                violations.add("realm has users");
                break;
            }
        }
        if (realm.path("sslRequired").asText("external").equals("none")) {
            violations.add("sslRequired is none");
        }
        if (!realm.path("bruteForceProtected").asBoolean(false)) {
            violations.add("no brute-force protection");
        }
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            if (client.has("secret") && !client.path("secret").asText().matches("\\$\\{[A-Z][A-Z0-9_]*}")) {
                violations.add(id + " carries a secret");
            }
            if (client.path("directAccessGrantsEnabled").asBoolean(false)) {
                violations.add(id + " allows the password grant");
            }
            for (String field : List.of("redirectUris", "webOrigins")) {
                for (JsonNode uri : client.path(field)) {
                    boolean placeholder = uri.asText().startsWith(ProductionRealm.COMPOSE_PUBLIC_URL);
                    if (!placeholder && (!uri.asText().startsWith("https://") || uri.asText().contains("localhost"))) {
                        violations.add(id + " " + field + " " + uri.asText() + " is not a public https URL");
                    }
                }
            }
        }
        return violations;
    }

    @org.junit.jupiter.api.Test
    void theDevRealmWouldBeRefused() {
        assertThat(violationsOf(DEV_REALM)).contains("realm has users", "sslRequired is none",
                "no brute-force protection", "office-sulut-manado carries a secret",
                "document-service carries a secret", "satupintu-web allows the password grant",
                "satupintu-web redirectUris http://localhost:8080/* is not a public https URL");
    }

    /**
     * docker-compose.yml imports the same production realm, for the public URL and the service client's secret that
     * Keycloak resolves from its environment (placeholders), and the manifests pass that secret from a Secret.
     */
    @org.junit.jupiter.api.Test
    void theComposeRealmIsTheSameProductionRealmAndServiceSecretsArePlaceholders() throws Exception {
        java.nio.file.Path file = Manifests.repoRoot().resolve("infra/keycloak/production/satupintu-realm.json");
        ObjectNode expected = ProductionRealm.from(DEV_REALM, ProductionRealm.COMPOSE_PUBLIC_URL);
        JsonNode actual = java.nio.file.Files.isRegularFile(file) ? Manifests.parseAll(Manifests.read(file)).get(0)
                : null;
        if (!expected.equals(actual)) {
            java.nio.file.Path suggestion = Manifests.moduleDir().resolve("target/satupintu-realm.json");
            java.nio.file.Files.createDirectories(suggestion.getParent());
            java.nio.file.Files.writeString(suggestion, ProductionRealm.composeFile(expected));
            throw new AssertionError(file + " is not the dev realm made for production. Review and copy "
                    + suggestion + " over it.");
        }
        assertThat(violationsOf(actual)).isEmpty();
        assertThat(ProductionRealm.serviceClients(DEV_REALM)).containsExactly("document-service");
        JsonNode service = client(actual, "document-service");
        assertThat(service.path("secret").asText()).isEqualTo("${SATUPINTU_DOCUMENT_SERVICE_CLIENT_SECRET}");
        assertThat(service.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(service.path("publicClient").asBoolean()).isFalse();
        assertThat(actual.path("users")).singleElement().satisfies(user -> {
            assertThat(user.path("serviceAccountClientId").asText()).isEqualTo("document-service");
            assertThat(user.path("realmRoles").toString()).isEqualTo("[\"service\"]");
        });
        // No demo user, no office client of the dev realm.
        assertThat(actual.toString()).doesNotContain("dev-secret", "\"ani\"", "office-sulut-manado");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "province", "national"})
    void theServiceClientsSecretReachesTheRealmImportAndDocumentServiceFromOneSecret(String overlay) {
        List<ObjectNode> documents = Manifests.render(overlay);
        JsonNode placeholder = Manifests.one(documents, "KeycloakRealmImport", "satupintu-realm")
                .at("/spec/placeholders/SATUPINTU_DOCUMENT_SERVICE_CLIENT_SECRET/secret");
        assertThat(placeholder.path("name").asText()).isEqualTo("satupintu-document-service-client");
        assertThat(placeholder.path("key").asText()).isEqualTo("secret");
        Map<String, String> env = ServiceEnvironmentTests.environment(documents, Manifests.as(Manifests.one(documents,
                "Deployment", "document-service"), Deployment.class));
        assertThat(env).containsEntry("SERVICE_CLIENT_ID", "document-service")
                .containsEntry("SERVICE_CLIENT_SECRET", "secret:satupintu-document-service-client/secret")
                .containsEntry("KEYCLOAK_TOKEN_URI",
                        "http://satupintu-keycloak-service:8080/realms/satupintu/protocol/openid-connect/token");
    }
}

package org.satupintu.deploy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The production realm made from the dev realm (infra/keycloak/satupintu-realm.json): the same realm, roles, user
 * profile and web client mappers; without demo users, without the dev office clients and their secrets, without the
 * password grant, redirects only to the public host, TLS required for external requests, brute-force protection on.
 * The platform's own service clients (a confidential client whose service account has realm role {@code service},
 * e.g. document-service) stay, with their service-account user, but their secret is an import placeholder
 * ({@code ${SATUPINTU_<CLIENT>_CLIENT_SECRET}}) that Keycloak resolves from its environment when it imports the realm.
 * base/keycloak/keycloak-realm-import.yaml (for the public URL of the manifests) and
 * infra/keycloak/production/satupintu-realm.json (docker-compose.yml, for the placeholder {@value #COMPOSE_PUBLIC_URL})
 * must hold exactly this, so a change of the dev realm reaches production deliberately (KeycloakResourcesTests writes
 * the expected files to target/ when they differ).
 */
final class ProductionRealm {

    static final String WEB_CLIENT = "satupintu-web";
    static final String SERVICE_ROLE = "service";
    /** The public URL in the compose realm: docker-compose.yml passes SATUPINTU_PUBLIC_URL to Keycloak. */
    static final String COMPOSE_PUBLIC_URL = "${SATUPINTU_PUBLIC_URL}";

    private ProductionRealm() {
    }

    static ObjectNode from(JsonNode devRealm, String publicUrl) {
        ObjectNode realm = devRealm.deepCopy();
        List<String> serviceClients = serviceClients(devRealm);
        ArrayNode users = realm.putArray("users");
        for (JsonNode user : devRealm.path("users")) {
            if (serviceClients.contains(user.path("serviceAccountClientId").asText())) {
                users.add(user.deepCopy());
            }
        }
        realm.put("sslRequired", "external");
        realm.put("bruteForceProtected", true);
        ArrayNode clients = realm.putArray("clients");
        for (JsonNode client : devRealm.path("clients")) {
            String clientId = client.path("clientId").asText();
            if (serviceClients.contains(clientId)) {
                ObjectNode service = client.deepCopy();
                service.put("secret", "${" + secretPlaceholder(clientId) + "}");
                service.put("directAccessGrantsEnabled", false);
                service.put("standardFlowEnabled", false);
                clients.add(service);
                continue;
            }
            if (!clientId.equals(WEB_CLIENT)) {
                continue;
            }
            ObjectNode web = client.deepCopy();
            web.remove("secret");
            web.put("description", "Public client: authorization code with PKCE (S256).");
            web.put("directAccessGrantsEnabled", false);
            web.put("rootUrl", publicUrl);
            web.set("redirectUris", Manifests.YAML.valueToTree(List.of(publicUrl + "/*")));
            web.set("webOrigins", Manifests.YAML.valueToTree(List.of(publicUrl)));
            ((ObjectNode) web.path("attributes")).put("post.logout.redirect.uris", publicUrl + "/*");
            clients.add(web);
        }
        return realm;
    }

    /** Confidential clients of the dev realm whose service account has realm role {@value #SERVICE_ROLE}. */
    static List<String> serviceClients(JsonNode devRealm) {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode user : devRealm.path("users")) {
            String client = user.path("serviceAccountClientId").asText("");
            boolean service = false;
            for (JsonNode role : user.path("realmRoles")) {
                service |= role.asText().equals(SERVICE_ROLE);
            }
            if (!client.isEmpty() && service) {
                ids.add(client);
            }
        }
        return ids;
    }

    /** document-service -> SATUPINTU_DOCUMENT_SERVICE_CLIENT_SECRET */
    static String secretPlaceholder(String clientId) {
        return "SATUPINTU_" + clientId.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET";
    }

    /** The Secret (key {@code secret}) the operator passes to the realm import for a service client's placeholder. */
    static String secretName(String clientId) {
        return "satupintu-" + clientId + "-client";
    }

    /** The file infra/keycloak/production/satupintu-realm.json for this realm. */
    static String composeFile(JsonNode realm) {
        return realm.toPrettyString() + "\n";
    }

    /** The file base/keycloak/keycloak-realm-import.yaml for this realm (JSON is YAML). */
    static String importFile(JsonNode realm) {
        String json = realm.toPrettyString();
        StringBuilder indented = new StringBuilder();
        json.lines().forEach(line -> indented.append("    ").append(line).append('\n'));
        return String.join("\n",
                "# The production realm \"satupintu\", imported once by the Keycloak operator when the realm does"
                        + " not exist yet.",
                "# Made from infra/keycloak/satupintu-realm.json (the dev realm) without its demo users and without"
                        + " the dev office",
                "# clients and their known secrets; no password grant; redirect URIs only on the public host; TLS"
                        + " required for",
                "# external requests; brute-force protection on. document-service's own client stays, its secret a"
                        + " placeholder.",
                "# Regional office systems get their own confidential clients afterwards (README.md: \"Regional"
                        + " office clients\").",
                "# KeycloakResourcesTests checks that this file is ProductionRealm.from(the dev realm).",
                "apiVersion: k8s.keycloak.org/v2beta1",
                "kind: KeycloakRealmImport",
                "metadata:",
                "  name: satupintu-realm",
                "spec:",
                "  keycloakCRName: satupintu-keycloak",
                "") + placeholders(realm) + "  realm:\n" + indented;
    }

    /** The service clients' secrets, from Secrets the operator creates (README.md: Secrets). */
    private static String placeholders(JsonNode realm) {
        StringBuilder yaml = new StringBuilder();
        for (JsonNode client : realm.path("clients")) {
            String secret = client.path("secret").asText("");
            if (secret.startsWith("${")) {
                String id = client.path("clientId").asText();
                if (yaml.isEmpty()) {
                    yaml.append("  # Resolved by Keycloak when it imports the realm (the secret itself is never in this file).\n");
                    yaml.append("  placeholders:\n");
                }
                yaml.append("    ").append(secretPlaceholder(id)).append(":\n")
                        .append("      secret:\n")
                        .append("        name: ").append(secretName(id)).append('\n')
                        .append("        key: secret\n");
            }
        }
        return yaml.toString();
    }
}

package org.satupintu.deploy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The production realm made from the dev realm (infra/keycloak/satupintu-realm.json): the same realm, roles, user
 * profile and web client mappers; without users, without the dev office clients and their secrets, without the
 * password grant, redirects only to the public host, TLS required for external requests, brute-force protection on.
 * base/keycloak/keycloak-realm-import.yaml must hold exactly this, so a change of the dev realm reaches production
 * deliberately (KeycloakResourcesTests writes the expected file to target/ when they differ).
 */
final class ProductionRealm {

    static final String WEB_CLIENT = "satupintu-web";

    private ProductionRealm() {
    }

    static ObjectNode from(JsonNode devRealm, String publicUrl) {
        ObjectNode realm = devRealm.deepCopy();
        realm.remove("users");
        realm.put("sslRequired", "external");
        realm.put("bruteForceProtected", true);
        ArrayNode clients = realm.putArray("clients");
        for (JsonNode client : devRealm.path("clients")) {
            if (!client.path("clientId").asText().equals(WEB_CLIENT)) {
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
                "# external requests; brute-force protection on. Regional office systems get their own confidential"
                        + " clients",
                "# afterwards (README.md: \"Regional office clients\"), with secrets that Keycloak generates.",
                "# KeycloakResourcesTests checks that this file is ProductionRealm.from(the dev realm).",
                "apiVersion: k8s.keycloak.org/v2beta1",
                "kind: KeycloakRealmImport",
                "metadata:",
                "  name: satupintu-realm",
                "spec:",
                "  keycloakCRName: satupintu-keycloak",
                "  realm:",
                "") + indented;
    }
}

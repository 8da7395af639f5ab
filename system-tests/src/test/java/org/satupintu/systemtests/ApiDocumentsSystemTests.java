package org.satupintu.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.satupintu.local.Platform;
import org.satupintu.testsupport.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * One Swagger UI at the gateway over every service's OpenAPI document, each with the Keycloak login (authorization
 * code with PKCE through the public client) so a person can try calls.
 */
class ApiDocumentsSystemTests {

    private final Platform platform = RunningPlatform.get();
    private final ApiClient gateway = new ApiClient(platform.gatewayUrl());

    @ParameterizedTest
    @ValueSource(strings = {"application-service", "document-service", "notification-service"})
    void eachServicesApiIsServedByTheGatewayWithTheKeycloakLogin(String service) {
        ApiClient.Response docs = gateway.get("/v3/api-docs/" + service, null);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode api = docs.json();
        assertThat(api.path("info").path("title").asString()).contains(service);
        assertThat(api.path("paths").size()).isPositive();
        JsonNode flow = api.path("components").path("securitySchemes").path("keycloak").path("flows")
                .path("authorizationCode");
        assertThat(flow.path("authorizationUrl").asString())
                .isEqualTo(platform.issuer() + "/protocol/openid-connect/auth");
        assertThat(flow.path("tokenUrl").asString()).isEqualTo(platform.issuer() + "/protocol/openid-connect/token");
    }

    @org.junit.jupiter.api.Test
    void theSwaggerUiListsEveryServiceAndUsesThePublicClientWithPkce() {
        ApiClient.Response config = gateway.get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs/application-service", "/v3/api-docs/document-service",
                "/v3/api-docs/notification-service");
        assertThat(config.json().path("oauth2RedirectUrl").asString()).endsWith("/swagger-ui/oauth2-redirect.html");
        assertThat(gateway.get("/swagger-ui.html", null).status()).isIn(200, 302);
        ApiClient.Response ui = gateway.get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
    }
}

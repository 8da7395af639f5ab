package org.satupintu.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The service's OpenAPI document (served at {@code /v3/api-docs}, shown by the gateway's Swagger UI), with the
 * Keycloak login (authorization code + PKCE) so a person can try calls.
 */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    public static OpenAPI of(String title, String description, String issuer) {
        String oidc = issuer + "/protocol/openid-connect";
        return new OpenAPI()
                .info(new Info().title(title).description(description).version("1"))
                .addServersItem(new Server().url("/").description("Through the gateway"))
                .components(new Components().addSecuritySchemes("keycloak", new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                                .authorizationUrl(oidc + "/auth").tokenUrl(oidc + "/token")))))
                .addSecurityItem(new SecurityRequirement().addList("keycloak"));
    }
}

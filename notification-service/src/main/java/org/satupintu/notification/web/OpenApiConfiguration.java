package org.satupintu.notification.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's OpenAPI document (served at {@code /v3/api-docs}, shown by the gateway's Swagger UI), with the
 * Keycloak login (authorization code + PKCE) so a person can try calls.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI notificationServiceApi(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        String oidc = issuer + "/protocol/openid-connect";
        return new OpenAPI()
                .info(new Info().title("SatuPintu notification-service")
                        .description("In-app inbox and live stream (SSE), notification preferences and signed webhooks for regional offices. Errors are RFC 9457 problem JSON.")
                        .version("1"))
                .addServersItem(new Server().url("/").description("Through the gateway"))
                .components(new Components().addSecuritySchemes("keycloak", new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                                .authorizationUrl(oidc + "/auth").tokenUrl(oidc + "/token")))))
                .addSecurityItem(new SecurityRequirement().addList("keycloak"));
    }
}

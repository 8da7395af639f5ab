package org.satupintu.gateway.webclient;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The client's pages: every client route answers the one {@code index.html} (the client routes in the browser),
 * {@code /config.json} tells it where Keycloak is. Assets come from {@code static/} of the {@code web} jar.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebClientProperties.class)
class WebClientConfiguration {

    /** Paths the client routes itself; a reload or a QR scan on any of them must get the page. */
    static final String[] CLIENT_ROUTES = {"/", "/verify/{permitNumber}", "/catalog", "/catalog/{code}",
            "/applications", "/applications/{id}", "/inbox", "/desk", "/desk/{id}", "/stats", "/ops"};

    private static final Resource INDEX = new ClassPathResource("static/index.html");

    @Bean
    RouterFunction<ServerResponse> webClientRoutes(WebClientProperties properties) {
        var builder = route();
        for (String path : CLIENT_ROUTES) {
            builder.route(GET(path).and(request -> INDEX.exists()), request -> ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).bodyValue(INDEX));
        }
        Map<String, Object> config = Map.of("keycloakUrl", properties.keycloakUrl(), "realm", properties.realm(),
                "clientId", properties.clientId(), "offices", properties.offices());
        builder.GET("/config.json", request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache()).bodyValue(config));
        return builder.build();
    }
}

package org.satupintu.gateway.webclient;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Strict headers on everything the web client is made of (not on the API or Swagger UI, which have their own
 * needs): scripts only from this origin (no inline script, no eval), no framing of the client, connections only to
 * the gateway and Keycloak, PDFs shown from {@code blob:} URLs in a sandboxed frame.
 */
@Component
class WebClientHeadersFilter implements WebFilter {

    private static final List<String> NOT_CLIENT = List.of("/api/", "/v3/api-docs", "/swagger-ui", "/webjars/",
            "/actuator", "/fallback/");

    /** The page keycloak-js loads in a hidden frame of the client itself to check the session silently. */
    static final String SILENT_CHECK = "/silent-check-sso.html";

    private final String policy;
    private final String silentCheckPolicy;

    WebClientHeadersFilter(WebClientProperties properties) {
        String keycloak = properties.origin();
        this.policy = String.join("; ", "default-src 'none'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self' " + keycloak,
                "frame-src 'self' blob: " + keycloak, "child-src 'self' blob: " + keycloak, "object-src 'none'",
                "worker-src 'none'", "manifest-src 'self'", "base-uri 'none'", "form-action 'self' " + keycloak,
                "frame-ancestors 'none'");
        this.silentCheckPolicy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
    }

    String policy() {
        return policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (NOT_CLIENT.stream().noneMatch(path::startsWith)) {
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                boolean silentCheck = SILENT_CHECK.equals(path);
                headers.set("Content-Security-Policy", silentCheck ? silentCheckPolicy : policy);
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", silentCheck ? "SAMEORIGIN" : "DENY");
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}

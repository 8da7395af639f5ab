package org.satupintu.gateway.webclient;

import java.util.List;
import java.util.Set;

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

    /**
     * Pages the client frames itself: keycloak-js's hidden session check, and the PDF viewer (sandboxed without
     * same-origin, so its scripts are fetched with CORS, see {@link #PUBLIC_CODE}).
     */
    static final Set<String> FRAMED_BY_CLIENT = Set.of("/silent-check-sso.html", "/pdf-frame.html");

    /** The client's code, public anyway: readable by the client's own sandboxed (opaque-origin) PDF frame. */
    static final List<String> PUBLIC_CODE = List.of("/js/", "/vendor/");

    private final String policy;
    private final String framedPolicy;

    WebClientHeadersFilter(WebClientProperties properties) {
        String keycloak = properties.origin();
        this.policy = String.join("; ", "default-src 'none'", "script-src 'self'", "style-src 'self'",
                "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self' " + keycloak,
                "frame-src 'self' blob: " + keycloak, "child-src 'self' blob: " + keycloak, "object-src 'none'",
                "worker-src 'none'", "manifest-src 'self'", "base-uri 'none'", "form-action 'self' " + keycloak,
                "frame-ancestors 'none'");
        this.framedPolicy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
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
                boolean framed = FRAMED_BY_CLIENT.contains(path);
                headers.set("Content-Security-Policy", framed ? framedPolicy : policy);
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", framed ? "SAMEORIGIN" : "DENY");
                if (PUBLIC_CODE.stream().anyMatch(path::startsWith)) {
                    headers.set("Access-Control-Allow-Origin", "*");
                }
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}

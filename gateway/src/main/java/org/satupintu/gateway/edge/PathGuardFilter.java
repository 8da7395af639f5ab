package org.satupintu.gateway.edge;

import java.util.Locale;
import java.util.regex.Pattern;

import org.satupintu.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses path traversal, encoded separators, control characters and malformed escapes with 400 before routing,
 * so nothing a client crafts reaches a service as a different path than it looks.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PathGuardFilter implements WebFilter {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final int MAX_URI = 4096;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        if (suspicious(raw) || (query != null && BAD_ESCAPE.matcher(query).find())
                || raw.length() + (query == null ? 0 : query.length()) > MAX_URI) {
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "bad-request",
                    "The request path is not acceptable.");
        }
        return chain.filter(exchange);
    }

    static boolean suspicious(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.contains("..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || lower.contains("\\") || lower.contains("%00") || lower.contains("//") || lower.contains(";")
                || BAD_ESCAPE.matcher(rawPath).find() || rawPath.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}

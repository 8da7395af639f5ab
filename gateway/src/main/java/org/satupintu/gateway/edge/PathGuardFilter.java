package org.satupintu.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.satupintu.support.problem.ProblemCode;
import org.satupintu.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses path traversal, encoded separators, double encoding, control characters, malformed escapes and escapes
 * that are not UTF-8 (overlong dots and the like) with 400 before routing, so nothing a client crafts reaches a
 * service as a different path than it looks (or makes a service's web server answer with its own HTML page).
 * {@code TRACE} and {@code CONNECT} are refused with 405: no route serves them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class PathGuardFilter implements WebFilter {

    private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final int MAX_URI = 4096;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (HttpMethod.TRACE.equals(method) || "CONNECT".equals(method.name())) {
            exchange.getResponse().getHeaders().setAllow(java.util.Set.of(HttpMethod.GET, HttpMethod.POST,
                    HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS));
            return Problems.write(exchange, ProblemCode.METHOD_NOT_ALLOWED,
                    "The method " + method.name() + " is not served here.");
        }
        String raw = exchange.getRequest().getURI().getRawPath();
        String query = exchange.getRequest().getURI().getRawQuery();
        if (suspicious(raw) || (query != null && BAD_ESCAPE.matcher(query).find())
                || raw.length() + (query == null ? 0 : query.length()) > MAX_URI) {
            return Problems.write(exchange, ProblemCode.BAD_REQUEST,
                    "The request path is not acceptable.");
        }
        return chain.filter(exchange);
    }

    static boolean suspicious(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.contains("..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || lower.contains("\\") || lower.contains("%00") || lower.contains("//") || lower.contains(";")
                || lower.contains("%25") || BAD_ESCAPE.matcher(rawPath).find()
                || rawPath.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || !escapesAreUtf8(rawPath);
    }

    /** The percent escapes of the path decode to well-formed UTF-8 (no overlong forms, no stray bytes). */
    static boolean escapesAreUtf8(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && i + 2 < rawPath.length() && HexFormat.isHexDigit(rawPath.charAt(i + 1))
                    && HexFormat.isHexDigit(rawPath.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(rawPath, i + 1, i + 3));
                i += 2;
            }
            else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        }
        catch (CharacterCodingException e) {
            return false;
        }
    }
}

package org.satupintu.support.security;

import java.util.List;

/**
 * Paths a service answers without a token, beyond the ones every service has (health, info, metrics, API docs,
 * {@code /api/public/**}, {@code /error}). A service declares a bean of this type to add its own.
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }

    /** What every service leaves open. */
    public static final List<String> COMMON = List.of("/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs/**", "/api/public/**", "/error");
}

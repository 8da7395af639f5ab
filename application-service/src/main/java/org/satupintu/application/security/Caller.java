package org.satupintu.application.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, read only from the validated Keycloak access token (never from headers a client could set).
 * {@code office} is present for officers, supervisors and integration clients.
 */
public record Caller(String subject, String username, @Nullable String name, @Nullable String email,
        @Nullable String phone, Set<String> roles, @Nullable String office, @Nullable String locale) {

    public static Caller of(Jwt jwt) {
        String username = firstNonNull(jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("clientId"),
                jwt.getClaimAsString("azp"), jwt.getSubject());
        return new Caller(jwt.getSubject(), username, jwt.getClaimAsString("name"), jwt.getClaimAsString("email"),
                jwt.getClaimAsString("phone_number"), realmRoles(jwt), jwt.getClaimAsString("office"),
                jwt.getClaimAsString("locale"));
    }

    /** Realm roles from {@code realm_access.roles}; anything malformed counts as no role. */
    public static Set<String> realmRoles(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            return roles.stream().filter(String.class::isInstance).map(String.class::cast)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... candidates) {
        return List.of(candidates).stream().anyMatch(roles::contains);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("token without subject");
    }
}

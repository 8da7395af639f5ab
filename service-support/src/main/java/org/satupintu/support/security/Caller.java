package org.satupintu.support.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, read only from the validated Keycloak access token (never from headers a client could set).
 * {@code office} is present for officers, supervisors and integration clients.
 */
public record Caller(String subject, String username, @Nullable String name, @Nullable String email,
        @Nullable String phone, Set<Role> roles, @Nullable String office, @Nullable String locale) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(Jwt jwt) {
        String username = firstNonNull(jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("clientId"),
                jwt.getClaimAsString("azp"), jwt.getSubject());
        return new Caller(jwt.getSubject(), username, jwt.getClaimAsString("name"), jwt.getClaimAsString("email"),
                jwt.getClaimAsString("phone_number"), realmRoles(jwt), jwt.getClaimAsString("office"),
                jwt.getClaimAsString("locale"));
    }

    /** Platform roles from {@code realm_access.roles}; unknown and malformed entries count as no role. */
    public static Set<Role> realmRoles(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            EnumSet<Role> known = EnumSet.noneOf(Role.class);
            roles.stream().filter(String.class::isInstance).map(String.class::cast)
                    .forEach(value -> Role.fromClaim(value).ifPresent(known::add));
            return Set.copyOf(known);
        }
        return Set.of();
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Role... candidates) {
        return Arrays.stream(candidates).anyMatch(roles::contains);
    }

    @SafeVarargs
    private static <T> T firstNonNull(@Nullable T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalArgumentException("token without subject");
    }
}

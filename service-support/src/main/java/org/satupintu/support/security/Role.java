package org.satupintu.support.security;

import java.util.Locale;
import java.util.Optional;

/** The realm roles of the {@code satupintu} realm (ARCHITECTURE.md, Identity), as they appear in tokens. */
public enum Role {

    APPLICANT, OFFICER, SUPERVISOR, INTEGRATION, ADMIN, OPS,
    /** A platform service calling another with its own client credentials (e.g. document-service). */
    SERVICE;

    /** The name in the token's {@code realm_access.roles}, e.g. {@code officer}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, e.g. {@code ROLE_officer}. */
    public String authority() {
        return "ROLE_" + claimValue();
    }

    /** The role a token's role name stands for; empty for roles this platform does not know (e.g. Keycloak's own). */
    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

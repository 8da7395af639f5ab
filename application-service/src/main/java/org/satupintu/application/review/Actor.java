package org.satupintu.application.review;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Who acts on an application, as the aggregate needs to know it (built from the caller's token). */
public record Actor(String id, String username, Set<String> roles, @Nullable String office) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The most specific role the actor acts in, recorded in the history. */
    public String mainRole() {
        for (String role : new String[] { "admin", "supervisor", "officer", "integration", "ops", "applicant" }) {
            if (roles.contains(role)) {
                return role;
            }
        }
        return "none";
    }

    public static Actor system() {
        return new Actor("system", "system", Set.of("system"), null);
    }
}

package org.satupintu.application.workflow;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.satupintu.support.security.Role;

/** Who acts on an application, as the aggregate needs to know it (built from the caller's token). */
public record Actor(String id, String username, Set<Role> roles, @Nullable String office) {

    /** Most specific first: the role recorded in the history. */
    private static final List<Role> PRECEDENCE = List.of(Role.ADMIN, Role.SUPERVISOR, Role.OFFICER,
            Role.INTEGRATION, Role.OPS, Role.APPLICANT);

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The most specific role the actor acts in, recorded in the history. */
    public String mainRole() {
        if (this.equals(SYSTEM)) {
            return "system";
        }
        return PRECEDENCE.stream().filter(roles::contains).findFirst().map(Role::claimValue).orElse("none");
    }

    private static final Actor SYSTEM = new Actor("system", "system", Set.of(), null);

    public static Actor system() {
        return SYSTEM;
    }
}

package org.satupintu.application.workflow;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.WalkIn;

/**
 * The person or business applying. {@code id} is the Keycloak subject, or {@code walk-in:<uuid>} for someone an
 * office system filed for; {@code locale} decides the language of notifications.
 */
public record Applicant(String id, String name, @Nullable String email, @Nullable String phone,
        @Nullable String locale) {

    public boolean walkIn() {
        return WalkIn.isWalkIn(id);
    }
}

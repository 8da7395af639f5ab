package org.satupintu.document.projection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Where an issued permit stands, as the application events told it: validity, revocation, its successor. */
public record PermitStanding(@Nullable String state, @Nullable Instant validUntil, @Nullable Instant revokedAt,
        @Nullable String supersededBy) {
}

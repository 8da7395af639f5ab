package org.satupintu.application.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One action in the audit trail: who did what, in which role, from which state to which, and why. */
public record HistoryEntry(Instant at, String actor, String role, String action, @Nullable ApplicationState from,
        ApplicationState to, @Nullable String comment) {
}

package org.satupintu.application.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One action in the audit trail: who did what, in which role, from which state to which, and why. */
public record HistoryEntry(Instant at, String actor, String role, String action, @Nullable ApplicationState from,
        ApplicationState to, @Nullable String comment) {

    /** Actions whose comment is meant for the applicant: the reason for a revision or a rejection, their own words. */
    private static final java.util.Set<String> PUBLIC_COMMENTS = java.util.Set.of("request-revision", "reject",
            "withdraw", "sla-breached", "auto-issue", "revoke", "assess-levy", "payment", "remind", "renew", "renewal-started",
            "superseded");

    /** The entry as the applicant sees it: the action, without the office's internal note. */
    HistoryEntry forApplicant() {
        return PUBLIC_COMMENTS.contains(action) ? this : new HistoryEntry(at, actor, role, action, from, to, null);
    }
}

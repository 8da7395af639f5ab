package org.satupintu.document.projection;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.satupintu.document.security.Caller;
import org.satupintu.document.storage.ApplicationFacts;

/**
 * What document-service knows of an application, from the projection or from application-service: enough to
 * decide who sees it and who may change its documents.
 */
public record ApplicationView(String id, String officeCode, String applicantId, String state, String permitTypeCode,
        @Nullable String registrationNumber, @Nullable String permitNumber, @Nullable String applicantName) {

    private static final Set<String> EDITABLE = Set.of("DRAFT", "REVISION_REQUESTED");

    /** Applicants see their own; officers, supervisors and integration clients their office; admins all. */
    public boolean visibleTo(Caller caller) {
        if (caller.hasRole("admin")) {
            return true;
        }
        if (inOffice(caller) && caller.hasAnyRole("officer", "supervisor", "integration")) {
            return true;
        }
        return caller.hasRole("applicant") && applicantId.equals(caller.subject());
    }

    /** The applicant themselves, or the system of the application's office (which files for walk-in applicants). */
    public boolean managedBy(Caller caller) {
        return (caller.hasRole("applicant") && applicantId.equals(caller.subject()))
                || (caller.hasRole("integration") && inOffice(caller));
    }

    public boolean editable() {
        return EDITABLE.contains(state);
    }

    public ApplicationFacts facts() {
        return new ApplicationFacts(id, officeCode, applicantId, permitTypeCode, state, registrationNumber);
    }

    private boolean inOffice(Caller caller) {
        return caller.office() != null && caller.office().equals(officeCode);
    }
}

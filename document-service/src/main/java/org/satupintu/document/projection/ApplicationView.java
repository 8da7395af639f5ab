package org.satupintu.document.projection;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationStates;
import org.satupintu.events.WalkIn;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.satupintu.document.storage.ApplicationFacts;

/**
 * What document-service knows of an application, from the projection or from application-service: enough to
 * decide who sees it and who may change its documents.
 */
public record ApplicationView(String id, String officeCode, String applicantId, String state, String permitTypeCode,
        @Nullable String registrationNumber, @Nullable String permitNumber, @Nullable String applicantName) {


    /** Applicants see their own; officers, supervisors and integration clients their office; admins all. */
    public boolean visibleTo(Caller caller) {
        if (caller.hasRole(Role.ADMIN)) {
            return true;
        }
        if (inOffice(caller) && caller.hasAnyRole(Role.OFFICER, Role.SUPERVISOR, Role.INTEGRATION)) {
            return true;
        }
        return caller.hasRole(Role.APPLICANT) && applicantId.equals(caller.subject());
    }

    /**
     * The applicant themselves, or, for a walk-in application, the system of the application's office that filed it
     * (API.md: an office system reads its office's applications and documents and files for walk-in applicants; it
     * does not change a citizen's own file, just as application-service lets it edit and submit only walk-ins).
     */
    public boolean managedBy(Caller caller) {
        return (caller.hasRole(Role.APPLICANT) && applicantId.equals(caller.subject()))
                || (caller.hasRole(Role.INTEGRATION) && inOffice(caller) && isWalkIn());
    }

    /** application-service names a walk-in applicant {@code walk-in:<uuid>}; only the office's system files those. */
    public boolean isWalkIn() {
        return WalkIn.isWalkIn(applicantId);
    }

    public boolean editable() {
        return ApplicationStates.isEditableByApplicant(state);
    }

    public ApplicationFacts facts() {
        return new ApplicationFacts(id, officeCode, applicantId, permitTypeCode, state, registrationNumber);
    }

    private boolean inOffice(Caller caller) {
        return caller.office() != null && caller.office().equals(officeCode);
    }
}

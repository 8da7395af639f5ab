package org.satupintu.events;

import java.util.UUID;

/**
 * Applications a regional office's system files for a walk-in applicant have an applicant id of the form
 * {@code walk-in:<uuid>} instead of a Keycloak subject. Services recognise them by this prefix (document-service
 * lets the filing office manage their documents), so the form is part of the contract.
 */
public final class WalkIn {

    public static final String PREFIX = "walk-in:";

    private WalkIn() {
    }

    public static String newApplicantId() {
        return PREFIX + UUID.randomUUID();
    }

    public static boolean isWalkIn(String applicantId) {
        return applicantId.startsWith(PREFIX);
    }
}

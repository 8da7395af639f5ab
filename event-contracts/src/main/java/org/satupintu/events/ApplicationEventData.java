package org.satupintu.events;

import java.time.Instant;

/**
 * Payload of every {@code satupintu.application.*} event. The first five fields are the contract's minimum;
 * the rest are filled where the event has them (null otherwise). Consumers ignore fields they do not know.
 * The permit's life: {@code levy} once assessed or billed, {@code validUntil} once issued with a validity,
 * {@code renewalOf} on a renewal, {@code revokedAt} on revocation, {@code reminderDaysBefore} on reminders.
 */
public record ApplicationEventData(String applicationId, String registrationNumber, String officeCode,
        String permitTypeCode, String state, String applicantId, String applicantName, String applicantEmail,
        String applicantPhone, String locale, String assignee, String actor, String comment, String permitNumber,
        LevyData levy, Instant validUntil, String renewalOf, Instant revokedAt, Integer reminderDaysBefore) {

    public ApplicationEventData {
        java.util.Objects.requireNonNull(applicationId, "applicationId");
        java.util.Objects.requireNonNull(officeCode, "officeCode");
        java.util.Objects.requireNonNull(permitTypeCode, "permitTypeCode");
        java.util.Objects.requireNonNull(state, "state");
    }

    /** The contract's minimum payload. */
    public static ApplicationEventData minimal(String applicationId, String registrationNumber, String officeCode,
            String permitTypeCode, String state) {
        return new ApplicationEventData(applicationId, registrationNumber, officeCode, permitTypeCode, state, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}

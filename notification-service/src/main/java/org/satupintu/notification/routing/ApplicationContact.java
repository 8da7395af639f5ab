package org.satupintu.notification.routing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What this service remembers of an application from its events: who to tell and how (document events do not
 * carry the applicant), and whether a revision was requested (so a later submission is a resubmission).
 */
@Document("applications")
record ApplicationContact(@Id String id, @Nullable String applicantId, @Nullable String applicantName,
        @Nullable String applicantEmail, @Nullable String applicantPhone, @Nullable String locale,
        @Nullable String officeCode, @Nullable String registrationNumber, @Nullable String permitTypeCode,
        @Nullable String assignee, boolean revisionRequested, @Nullable Instant updatedAt) {
}

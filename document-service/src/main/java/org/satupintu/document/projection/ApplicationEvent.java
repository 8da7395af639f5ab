package org.satupintu.document.projection;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The fields of an application CloudEvent that document-service uses. */
record ApplicationEvent(String id, String type, Instant time, String applicationId, String officeCode,
        @Nullable String applicantId, String state, String permitTypeCode, @Nullable String registrationNumber,
        @Nullable String permitNumber, @Nullable String applicantName) {
}

package org.satupintu.document.applicationservice;

import org.jspecify.annotations.Nullable;

/** An application as application-service answers it (only the fields document-service needs). */
public record RemoteApplication(String id, String officeCode, String applicantId, @Nullable String applicantName,
        String state, String permitTypeCode, @Nullable String registrationNumber, @Nullable String permitNumber) {
}

package org.satupintu.document.applicationservice;

import org.jspecify.annotations.Nullable;

/** An issued permit as application-service states it: what a certificate may say. */
public record Issuance(String applicationId, String state, String permitNumber, String officeCode,
        String permitTypeCode, String holderId, @Nullable String holderName) {
}

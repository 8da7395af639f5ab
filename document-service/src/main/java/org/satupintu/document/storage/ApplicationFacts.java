package org.satupintu.document.storage;

import org.jspecify.annotations.Nullable;

/**
 * What a document copies from its application when it is stored. Office and applicant never change for an
 * application, so reads can check visibility from the document alone.
 */
public record ApplicationFacts(String applicationId, String officeCode, String applicantId, String permitTypeCode,
        String state, @Nullable String registrationNumber) {
}

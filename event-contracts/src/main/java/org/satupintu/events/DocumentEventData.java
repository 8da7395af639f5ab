package org.satupintu.events;

/** Payload of {@code satupintu.document.*} events: the application fields of the contract plus the document. */
public record DocumentEventData(String applicationId, String registrationNumber, String officeCode,
        String permitTypeCode, String state, String documentId, String requirementCode, String kind, String sha256,
        String permitNumber) {

    public DocumentEventData {
        java.util.Objects.requireNonNull(applicationId, "applicationId");
        java.util.Objects.requireNonNull(documentId, "documentId");
    }
}

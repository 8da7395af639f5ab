package org.satupintu.events;

/** Events of {@code satupintu.document.events}, published by document-service. */
public sealed interface DocumentEvent extends SatuPintuEvent
        permits DocumentUploaded, DocumentRemoved, CertificateGenerated {

    @Override
    DocumentEventData data();

    @Override
    default String applicationId() {
        return data().applicationId();
    }
}

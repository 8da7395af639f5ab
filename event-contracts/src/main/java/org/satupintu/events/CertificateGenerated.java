package org.satupintu.events;

/** {@code satupintu.document.certificate-generated.v1}: the signed permit certificate was rendered and stored. */
public record CertificateGenerated(DocumentEventData data) implements DocumentEvent {
}

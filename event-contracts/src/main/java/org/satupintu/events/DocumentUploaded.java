package org.satupintu.events;

/** {@code satupintu.document.uploaded.v1}: a document was uploaded for a requirement. */
public record DocumentUploaded(DocumentEventData data) implements DocumentEvent {
}

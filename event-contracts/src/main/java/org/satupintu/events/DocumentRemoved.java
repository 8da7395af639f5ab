package org.satupintu.events;

/** {@code satupintu.document.removed.v1}: a document was removed. */
public record DocumentRemoved(DocumentEventData data) implements DocumentEvent {
}

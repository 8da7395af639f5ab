package org.satupintu.document.storage;

import java.time.Instant;

import org.satupintu.events.DocumentEventData;

/**
 * An event recorded in the document record in the same write as the change it describes; the relay publishes it
 * and removes it. Its id is stable, so a republish is recognisable.
 */
public record OutboxEvent(String id, String type, Instant time, DocumentEventData data) {
}

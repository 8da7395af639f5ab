package org.satupintu.document.storage;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.DocumentEventData;
import org.satupintu.support.outbox.OutboxMessage;

/**
 * An event recorded in the document record in the same write as the change it describes; the relay publishes it
 * and removes it. Its id is stable, so a republish is recognisable. {@code traceparent} is stamped
 * when the record is saved (service-support's OutboxTracing).
 */
public record OutboxEvent(String id, String type, Instant time, DocumentEventData data,
        @Nullable String traceparent) implements OutboxMessage {
}

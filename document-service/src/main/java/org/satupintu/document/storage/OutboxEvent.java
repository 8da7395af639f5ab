package org.satupintu.document.storage;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.DocumentEventData;

/**
 * An event recorded in the document record in the same write as the change it describes; the relay publishes it
 * and removes it. Its id is stable, so a republish is recognisable. {@code traceparent} is the W3C trace context of
 * the request that caused it; the relay sends it as a Kafka header so the trace continues in the consumers.
 */
public record OutboxEvent(String id, String type, Instant time, DocumentEventData data,
        @Nullable String traceparent) {

    public OutboxEvent withTraceparent(String value) {
        return new OutboxEvent(id, type, time, data, value);
    }
}

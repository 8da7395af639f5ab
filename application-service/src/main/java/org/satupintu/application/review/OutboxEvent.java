package org.satupintu.application.review;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationEventData;

/**
 * An event recorded in the application document in the same write as the state change it describes; the relay
 * publishes it and removes it. Its id is stable, so a republish is recognisable. {@code traceparent} is the W3C
 * trace context of the request that caused it; the relay sends it as a Kafka header so the trace continues in the
 * consumers although the event is published later, from another thread.
 */
public record OutboxEvent(String id, String type, Instant time, ApplicationEventData data,
        @Nullable String traceparent) {

    public OutboxEvent withTraceparent(String value) {
        return new OutboxEvent(id, type, time, data, value);
    }
}

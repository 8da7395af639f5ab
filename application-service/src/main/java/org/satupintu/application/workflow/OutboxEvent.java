package org.satupintu.application.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.events.ApplicationEvent;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.events.EventCodec;
import org.satupintu.support.outbox.OutboxMessage;

/**
 * An event recorded in the application document in the same write as the state change it describes; the relay
 * publishes it and removes it. Its id is stable, so a republish is recognisable. {@code traceparent} is stamped
 * outside the aggregate when it is saved (service-support's OutboxTracing).
 */
public record OutboxEvent(String id, String type, Instant time, ApplicationEventData data,
        @Nullable String traceparent) implements OutboxMessage {

    static OutboxEvent of(String id, ApplicationEvent event, Instant time) {
        return new OutboxEvent(id, EventCodec.typeOf(event), time, event.data(), null);
    }
}

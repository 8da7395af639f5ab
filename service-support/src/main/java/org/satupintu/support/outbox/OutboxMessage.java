package org.satupintu.support.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event waiting in an aggregate's {@code outbox} array: saved in the same single-document write as the change
 * it describes, published by the {@link OutboxRelay}. Its id is stable, so a republish is recognisable;
 * {@code traceparent} is stamped by {@link OutboxTracing} when the aggregate is saved.
 */
public interface OutboxMessage {

    String id();

    /** The CloudEvents type name, e.g. {@code satupintu.application.submitted.v1}. */
    String type();

    Instant time();

    Object data();

    @Nullable String traceparent();
}

package org.satupintu.support.outbox;

import java.util.List;

/**
 * How one service's aggregates carry their outbox: which collection (the aggregate's mapped type), which topic the
 * events go to, the CloudEvents {@code source}, and the Kafka key (= CloudEvents {@code subject}, the application
 * id, so the events of one application stay in order). The array is the aggregate's {@code outbox} property.
 *
 * @param <A> the aggregate type
 */
public interface OutboxSource<A> {

    Class<A> aggregateType();

    /** The element type of the outbox array, so the relay finds the stored name of its {@code id}. */
    Class<? extends OutboxMessage> messageType();

    String topic();

    String source();

    String key(A aggregate);

    List<? extends OutboxMessage> pending(A aggregate);
}

package org.satupintu.support.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveCallback;

/**
 * Stamps the W3C trace context of the current request onto the outbox entries an aggregate recorded, in the
 * document about to be written (the aggregate itself knows nothing of tracing). The relay publishes them later from
 * its own thread and sends the stored {@code traceparent} as a Kafka header, so one trace id follows a request from
 * the gateway through the service into the consumers.
 */
public class OutboxTracing implements BeforeSaveCallback<Object> {

    private final Class<?> aggregateType;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    public OutboxTracing(Class<?> aggregateType, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.aggregateType = aggregateType;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Object onBeforeSave(Object entity, Document document, String collection) {
        if (!aggregateType.isInstance(entity) || !(document.get(OutboxRelay.OUTBOX) instanceof List<?> entries)
                || entries.isEmpty()) {
            return entity;
        }
        String traceparent = currentTraceparent();
        if (traceparent != null) {
            for (Object entry : entries) {
                if (entry instanceof Document event && event.get("traceparent") == null) {
                    event.put("traceparent", traceparent);
                }
            }
        }
        return entity;
    }

    @Nullable String currentTraceparent() {
        Tracer current = tracer.getIfAvailable();
        Propagator w3c = propagator.getIfAvailable();
        TraceContext context = current == null ? null : current.currentTraceContext().context();
        if (context == null || w3c == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        w3c.inject(context, carrier, (map, key, value) -> {
            if (map != null) {
                map.put(key, value);
            }
        });
        return carrier.get("traceparent");
    }
}

package org.satupintu.application.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.review.PermitApplication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertCallback;
import org.springframework.stereotype.Component;

/**
 * Stamps the W3C trace context of the current request onto the events an aggregate records, just before it is
 * written. The relay publishes them later from its own thread and sends the stored {@code traceparent} as a Kafka
 * header, so one trace id follows a request from the gateway through this service into the consumers.
 */
@Component
class OutboxTracing implements BeforeConvertCallback<PermitApplication> {

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;

    OutboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public PermitApplication onBeforeConvert(PermitApplication application, String collection) {
        String traceparent = currentTraceparent();
        if (traceparent != null) {
            application.traceNewEvents(traceparent);
        }
        return application;
    }

    @Nullable String currentTraceparent() {
        Tracer current = tracer.getIfAvailable();
        Propagator w3c = propagator.getIfAvailable();
        TraceContext context = current == null ? null : current.currentTraceContext().context();
        if (context == null || w3c == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        w3c.inject(context, carrier, Map::put);
        return carrier.get("traceparent");
    }
}

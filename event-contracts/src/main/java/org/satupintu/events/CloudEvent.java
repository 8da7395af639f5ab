package org.satupintu.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents 1.0 envelope in structured JSON mode. {@code subject} is the application id, which is also the
 * Kafka record key so that the events of one application stay in order.
 *
 * @param <T> the payload type
 */
public record CloudEvent<T>(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        if (specversion == null) {
            specversion = SPEC_VERSION;
        }
        if (datacontenttype == null) {
            datacontenttype = JSON;
        }
    }

    /** A new event with a random id, stamped now. */
    public static <T> CloudEvent<T> of(String source, String type, String subject, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject, Instant.now(), JSON,
                data);
    }
}

package org.satupintu.events;

/**
 * An event of the platform, as producers create it and consumers receive it: one immutable past-tense record per
 * CloudEvents type ({@link EventCodec} maps records to type names and back). The payload, {@code data}, is what
 * travels as the CloudEvent's {@code data}; the record's class says which event it is.
 */
public sealed interface SatuPintuEvent permits ApplicationEvent, DocumentEvent, NotificationEvent {

    /** The CloudEvent's {@code data}. */
    Object data();

    /** The application the event is about: the CloudEvent's {@code subject} and the Kafka key. */
    String applicationId();
}

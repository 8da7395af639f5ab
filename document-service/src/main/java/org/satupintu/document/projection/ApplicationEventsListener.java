package org.satupintu.document.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.satupintu.events.ApplicationApproved;
import org.satupintu.events.ApplicationEvent;
import org.satupintu.events.ApplicationEventData;
import org.satupintu.events.LevyPaid;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.EventCodec;
import org.satupintu.events.PermitIssued;
import org.satupintu.events.Topics;
import org.satupintu.support.kafka.MalformedEventException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the projection from {@code satupintu.application.events} (keyed by application id, so one application's
 * events arrive in order). Unknown types are ignored; a record that is not a usable CloudEvent goes straight to
 * the dead-letter topic, and so does an event whose source or type does not belong to the topic. An {@code issued}
 * event must also be confirmed by application-service ({@link IssuanceConfirmation}) before it is applied, so a
 * forged one never reaches the certificate step. An issued permit is handed on as {@link IssuanceObserved} on this
 * thread, so a failing certificate makes the record retry.
 */
@Component
class ApplicationEventsListener {

    private final ApplicationProjections projections;
    private final ApplicationEventPublisher publisher;
    private final EventCodec codec;
    private final IssuanceConfirmation confirmation;

    ApplicationEventsListener(ApplicationProjections projections, ApplicationEventPublisher publisher,
            EventCodec codec, IssuanceConfirmation confirmation) {
        this.projections = projections;
        this.publisher = publisher;
        this.codec = codec;
        this.confirmation = confirmation;
    }

    @KafkaListener(id = "document-service-application-events", groupId = "document-service",
            topics = Topics.APPLICATION_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("Empty record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset());
        }
        CloudEvent<ApplicationEvent> event = codec.decodeFrom(record.topic(), record.value(), ApplicationEvent.class).orElse(null);
        if (event == null) {
            return;
        }
        if (event.data() instanceof PermitIssued) {
            // Confirmed by application-service first: an unconfirmed claim changes neither view nor certificates.
            confirmation.confirm(event.id(), event.data().data());
        }
        ApplicationView view = projections.apply(event);
        ApplicationEventData data = event.data().data();
        if (event.data() instanceof PermitIssued) {
            if (data.renewalOf() != null && data.permitNumber() != null) {
                projections.supersede(data.renewalOf(), data.permitNumber());
            }
            // Also on a redelivery: the certificate step is idempotent and may not have finished the first time.
            publisher.publishEvent(new IssuanceObserved(event.id(), view, event.time()));
        }
        if ((event.data() instanceof ApplicationApproved || event.data() instanceof LevyPaid) && data.levy() != null) {
            publisher.publishEvent(new LevyObserved(event.id(), view, data.levy(), event.data() instanceof LevyPaid,
                    event.time()));
        }
    }
}

package org.satupintu.notification.routing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.EventCodec;
import org.satupintu.events.SatuPintuEvent;
import org.satupintu.events.Topics;
import org.satupintu.notification.delivery.DeliveryDispatcher;
import org.satupintu.support.kafka.MalformedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes application and document events. The consumer only records (in-app notifications, deliveries); the
 * dispatcher sends, so a dead SMTP server never holds up the topic. Types this contract does not know are ignored;
 * a record that is not a usable CloudEvent goes to the dead letters without retries and the consumer moves on.
 */
@Component
class EventsListener {

    private final NotificationRouter router;
    private final DeliveryDispatcher dispatcher;
    private final EventCodec codec;

    EventsListener(NotificationRouter router, DeliveryDispatcher dispatcher, EventCodec codec) {
        this.router = router;
        this.dispatcher = dispatcher;
        this.codec = codec;
    }

    @KafkaListener(id = "notification-service-events", groupId = "${spring.kafka.consumer.group-id:notification-service}",
            topics = {Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS},
            concurrency = "${satupintu.notifications.consumer-concurrency:1}")
    void on(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("Empty record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset());
        }
        CloudEvent<SatuPintuEvent> event = codec.decodeFrom(record.topic(), record.value(), SatuPintuEvent.class).orElse(null);
        if (event == null) {
            return; // a newer producer's type: ignore, as the contract says
        }
        NotificationRouter.Outcome outcome = router.handle(event, record.value());
        if (outcome.deliveries() > 0) {
            dispatcher.wakeUp();
        }
    }
}

package org.satupintu.notification.routing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.satupintu.events.Topics;
import org.satupintu.notification.delivery.DeliveryDispatcher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes application and document events. The consumer only records (in-app notifications, deliveries); the
 * dispatcher sends, so a dead SMTP server never holds up the topic. A record that is not a CloudEvent goes to the
 * dead letters without retries and the consumer moves on.
 */
@Component
class EventsListener {

    private final NotificationRouter router;
    private final DeliveryDispatcher dispatcher;
    private final JsonMapper json;

    EventsListener(NotificationRouter router, DeliveryDispatcher dispatcher, JsonMapper json) {
        this.router = router;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    @KafkaListener(id = "notification-service-events", groupId = "${spring.kafka.consumer.group-id:notification-service}",
            topics = {Topics.APPLICATION_EVENTS, Topics.DOCUMENT_EVENTS},
            concurrency = "${satupintu.notifications.consumer-concurrency:1}")
    void on(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("Empty record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset());
        }
        JsonNode event = json.readTree(record.value());
        if (!event.isObject()) {
            throw new MalformedEventException("Not a CloudEvent object");
        }
        NotificationRouter.Outcome outcome = router.handle(event, record.value());
        if (outcome.deliveries() > 0) {
            dispatcher.wakeUp();
        }
    }
}

package org.satupintu.notification.delivery;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@code satupintu.notification.delivery-failed.v1} to {@code satupintu.notification.events} for a
 * delivery that gave up. The event id is derived from the delivery id, so a republish after a crash is recognisable.
 */
@Component
class DeliveryFailurePublisher {

    static final String SOURCE = "/satupintu/notification-service";
    private static final Logger log = LoggerFactory.getLogger(DeliveryFailurePublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    DeliveryFailurePublisher(KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** @return true once Kafka acknowledged it */
    boolean publish(Delivery d) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliveryId", d.id());
        data.put("channel", d.channel().name());
        data.put("recipient", d.recipient());
        data.put("subscriptionId", d.subscriptionId());
        data.put("eventId", d.eventId());
        data.put("eventType", d.eventType());
        data.put("applicationId", d.applicationId());
        data.put("registrationNumber", d.registrationNumber());
        data.put("officeCode", d.officeCode());
        data.put("attempts", d.attempts());
        data.put("lastError", d.lastError());
        data.put("lastStatusCode", d.lastStatusCode());
        data.put("createdAt", d.createdAt());
        CloudEvent<Map<String, Object>> event = new CloudEvent<>(CloudEvent.SPEC_VERSION, "delivery-failed-" + d.id(),
                SOURCE, EventTypes.NOTIFICATION_DELIVERY_FAILED, d.applicationId(), clock.instant(), CloudEvent.JSON,
                data);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.NOTIFICATION_EVENTS,
                    d.applicationId(), json.writeValueAsString(event));
            record.headers().add("content-type", "application/cloudevents+json".getBytes());
            kafka.send(record).get(10, TimeUnit.SECONDS);
            return true;
        }
        catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Publishing the failure of delivery {} failed, will retry: {}", d.id(), e.toString());
            return false;
        }
    }
}

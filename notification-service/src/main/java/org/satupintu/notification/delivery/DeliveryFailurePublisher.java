package org.satupintu.notification.delivery;

import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.satupintu.events.DeliveryFailed;
import org.satupintu.events.DeliveryFailedData;
import org.satupintu.events.EventCodec;
import org.satupintu.events.EventSources;
import org.satupintu.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code satupintu.notification.delivery-failed.v1} to {@code satupintu.notification.events} for a
 * delivery that gave up. The event id is derived from the delivery id, so a republish after a crash is recognisable.
 */
@Component
class DeliveryFailurePublisher {

    static final String SOURCE = EventSources.NOTIFICATION_SERVICE;
    private static final Logger log = LoggerFactory.getLogger(DeliveryFailurePublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec;
    private final Clock clock;

    DeliveryFailurePublisher(KafkaTemplate<String, String> kafka, EventCodec codec, Clock clock) {
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
    }

    /** @return true once Kafka acknowledged it */
    boolean publish(Delivery d) {
        DeliveryFailed failed = new DeliveryFailed(new DeliveryFailedData(d.id(), d.channel().name(), d.recipient(),
                d.subscriptionId(), d.eventId(), d.eventType(), d.applicationId(), d.registrationNumber(),
                d.officeCode(), d.attempts(), d.lastError(), d.lastStatusCode(), d.createdAt()));
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.NOTIFICATION_EVENTS,
                    d.applicationId(), codec.encode("delivery-failed-" + d.id(), SOURCE, clock.instant(), failed));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.US_ASCII));
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

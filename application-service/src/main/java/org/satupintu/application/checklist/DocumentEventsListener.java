package org.satupintu.application.checklist;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.satupintu.application.workflow.ChecklistUpdater;
import org.satupintu.events.CloudEvent;
import org.satupintu.events.DocumentEvent;
import org.satupintu.events.DocumentRemoved;
import org.satupintu.events.DocumentUploaded;
import org.satupintu.events.EventCodec;
import org.satupintu.events.Topics;
import org.satupintu.support.kafka.MalformedEventException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each application's document checklist in step with document-service, from its events (never a
 * synchronous call). Other event types are ignored; a record that is not a usable CloudEvent fails without retries
 * and goes to the dead-letter topic, and the consumer moves on.
 */
@Component
class DocumentEventsListener {

    private final ChecklistUpdater updater;
    private final ProcessedEvents processed;
    private final EventCodec codec;
    private final Clock clock;

    DocumentEventsListener(ChecklistUpdater updater, ProcessedEvents processed, EventCodec codec, Clock clock) {
        this.updater = updater;
        this.processed = processed;
        this.codec = codec;
        this.clock = clock;
    }

    @KafkaListener(id = "application-service-document-events", groupId = "application-service",
            topics = Topics.DOCUMENT_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new MalformedEventException("Empty record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset());
        }
        CloudEvent<DocumentEvent> event = codec.decodeFrom(record.topic(), record.value(), DocumentEvent.class).orElse(null);
        if (event == null || !(event.data() instanceof DocumentUploaded || event.data() instanceof DocumentRemoved)
                || "CERTIFICATE".equals(event.data().data().kind())) {
            return;
        }
        if (event.data().data().requirementCode() == null) {
            throw new MalformedEventException("Document event without requirementCode");
        }
        if (processed.seen(event.id())) {
            return;
        }
        updater.apply(event.data(), clock.instant());
        processed.remember(event.id(), clock.instant());
    }
}

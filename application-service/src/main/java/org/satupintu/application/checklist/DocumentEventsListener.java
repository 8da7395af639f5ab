package org.satupintu.application.checklist;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.satupintu.application.review.ChecklistUpdater;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each application's document checklist in step with document-service, from its events (never a
 * synchronous call). Unknown event types are ignored; a record that is not a CloudEvent fails without retries and
 * goes to the dead-letter topic, and the consumer moves on.
 */
@Component
class DocumentEventsListener {

    private final ChecklistUpdater updater;
    private final JsonMapper json;
    private final Clock clock;

    DocumentEventsListener(ChecklistUpdater updater, JsonMapper json, Clock clock) {
        this.updater = updater;
        this.json = json;
        this.clock = clock;
    }

    @KafkaListener(id = "application-service-document-events", groupId = "application-service",
            topics = Topics.DOCUMENT_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        JsonNode event = json.readTree(record.value());
        String type = event.path("type").asString("");
        if (!type.equals(EventTypes.DOCUMENT_UPLOADED) && !type.equals(EventTypes.DOCUMENT_REMOVED)) {
            return;
        }
        String id = text(event, "id");
        JsonNode data = event.path("data");
        if (data.path("kind").asString("UPLOAD").equals("CERTIFICATE")) {
            return;
        }
        updater.apply(text(data, "applicationId"), id, type, text(data, "requirementCode"),
                text(data, "documentId"), clock.instant());
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asString(null);
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("Document event without " + field);
        }
        return value;
    }
}

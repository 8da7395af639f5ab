package org.satupintu.document.projection;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.satupintu.events.EventTypes;
import org.satupintu.events.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the projection from {@code satupintu.application.events} (keyed by application id, so one application's
 * events arrive in order). Unknown types are ignored; a record that is not a usable CloudEvent goes straight to
 * the dead-letter topic. An issued permit is handed on as {@link PermitIssued} on this thread, so a failing
 * certificate makes the record retry.
 */
@Component
class ApplicationEventsListener {

    private final ApplicationProjections projections;
    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;

    ApplicationEventsListener(ApplicationProjections projections, ApplicationEventPublisher publisher,
            JsonMapper json) {
        this.projections = projections;
        this.publisher = publisher;
        this.json = json;
    }

    @KafkaListener(id = "document-service-application-events", groupId = "document-service",
            topics = Topics.APPLICATION_EVENTS)
    void on(ConsumerRecord<String, String> record) {
        JsonNode event = json.readTree(record.value());
        String type = event.path("type").asString("");
        if (!EventTypes.topicOf(type).map(Topics.APPLICATION_EVENTS::equals).orElse(false)) {
            return;
        }
        JsonNode data = event.path("data");
        Instant time;
        try {
            time = Instant.parse(required(event, "time"));
        }
        catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("Application event with a bad time");
        }
        ApplicationEvent parsed = new ApplicationEvent(required(event, "id"), type, time,
                required(data, "applicationId"), required(data, "officeCode"), optional(data, "applicantId"),
                required(data, "state"), required(data, "permitTypeCode"), optional(data, "registrationNumber"),
                optional(data, "permitNumber"), optional(data, "applicantName"));
        ApplicationView view = projections.apply(parsed);
        if (type.equals(EventTypes.APPLICATION_ISSUED)) {
            // Also on a redelivery: the certificate step is idempotent and may not have finished the first time.
            publisher.publishEvent(new PermitIssued(parsed.id(), view, time));
        }
    }

    private static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null) {
            throw new MalformedEventException("Application event without " + field);
        }
        return value;
    }

    private static @Nullable String optional(JsonNode node, String field) {
        String value = node.path(field).asString(null);
        return value == null || value.isBlank() ? null : value;
    }
}

package org.satupintu.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventContractTests {

    @Test
    void everyTypeIsVersionedAndBelongsToExactlyOneTopic() {
        assertThat(EventTypes.all()).hasSize(20).doesNotHaveDuplicates();
        for (String type : EventTypes.all()) {
            assertThat(type).startsWith("satupintu.").matches(".*\\.v[0-9]+$");
            String topic = EventTypes.topicOf(type).orElseThrow();
            String area = type.split("\\.")[1];
            assertThat(topic).isEqualTo("satupintu." + area + ".events");
        }
    }

    @Test
    void unknownTypesAreNotClaimed() {
        assertThat(EventTypes.isKnown("satupintu.application.submitted.v2")).isFalse();
        assertThat(EventTypes.topicOf("com.example.other")).isEmpty();
    }

    @Test
    void deadLetterTopicsUseSpringKafkaDefaultSuffix() {
        assertThat(Topics.deadLetterOf(Topics.APPLICATION_EVENTS)).isEqualTo("satupintu.application.events-dlt");
        assertThat(Topics.allWithDeadLetters()).hasSize(6).contains("satupintu.notification.events-dlt");
        assertThatThrownBy(() -> Topics.deadLetterOf("other")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envelopeDefaultsToCloudEventsOneAndJson() {
        CloudEvent<ApplicationEventData> event = CloudEvent.of("/application-service",
                EventTypes.APPLICATION_SUBMITTED, "app-1",
                ApplicationEventData.minimal("app-1", "REG-SULUT-MANADO-2026-000001", "SULUT-MANADO", "PBG",
                        "SUBMITTED"));
        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.id()).isNotBlank();
        assertThat(event.subject()).isEqualTo(event.data().applicationId());
    }
}

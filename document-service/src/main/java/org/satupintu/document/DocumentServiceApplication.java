package org.satupintu.document;

import java.util.List;

import org.satupintu.document.storage.OutboxEvent;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.events.EventCodec;
import org.satupintu.events.EventSources;
import org.satupintu.events.Topics;
import org.satupintu.support.outbox.OutboxMessage;
import org.satupintu.support.outbox.OutboxSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** SatuPintu document-service. Shared plumbing comes from service-support; this wires what is its own. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DocumentServiceApplication {

    /** CloudEvents source of everything this service publishes. */
    public static final String SOURCE = EventSources.DOCUMENT_SERVICE;

    /** Document events wait in the document record and go to {@code satupintu.document.events}, keyed by application. */
    @Bean
    OutboxSource<StoredDocument> documentOutbox() {
        return new OutboxSource<>() {
            @Override
            public Class<StoredDocument> aggregateType() {
                return StoredDocument.class;
            }

            @Override
            public Class<? extends OutboxMessage> messageType() {
                return OutboxEvent.class;
            }

            @Override
            public String topic() {
                return Topics.DOCUMENT_EVENTS;
            }

            @Override
            public String source() {
                return SOURCE;
            }

            @Override
            public String key(StoredDocument document) {
                return document.applicationId();
            }

            @Override
            public List<OutboxEvent> pending(StoredDocument document) {
                return document.outbox();
            }
        };
    }

    @Bean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    public static void main(String[] args) {
        SpringApplication.run(DocumentServiceApplication.class, args);
    }
}
